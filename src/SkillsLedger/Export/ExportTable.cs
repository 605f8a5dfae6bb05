namespace SkillsLedger.Export;

/// <summary>The two output formats of an analytics export.</summary>
public enum ExportFormat { Arrow, Csv }

public static class ExportFormats
{
    public const string ArrowContentType = "application/vnd.apache.arrow.stream";
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>"arrow" or "csv" (case-insensitive); null for anything else.</summary>
    public static ExportFormat? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "arrow" => ExportFormat.Arrow,
        "csv" => ExportFormat.Csv,
        _ => null,
    };

    public static string Extension(ExportFormat format) => format == ExportFormat.Arrow ? "arrow" : "csv";
    public static string ContentType(ExportFormat format) => format == ExportFormat.Arrow ? ArrowContentType : CsvContentType;
}

/// <summary>How a PostgreSQL column is read and written.</summary>
public enum ColumnKind { Text, Int32, Int64, Numeric, Double, Boolean, TimestampTz, Date }

/// <param name="Name">Column name exactly as the catalog spells it.</param>
/// <param name="PostgresType">information_schema.columns.data_type, e.g. "timestamp with time zone".</param>
public sealed record ExportColumn(string Name, string PostgresType, ColumnKind Kind)
{
    /// <summary>
    /// Maps information_schema data types. The analytics schema only uses text, integer, bigint, numeric,
    /// double precision, boolean, timestamptz and date; a few close relatives are widened, and anything else
    /// is exported as its PostgreSQL text form rather than refused.
    /// </summary>
    public static ColumnKind KindOf(string dataType) => dataType switch
    {
        "text" or "character varying" or "character" => ColumnKind.Text,
        "integer" or "smallint" => ColumnKind.Int32,
        "bigint" => ColumnKind.Int64,
        "numeric" => ColumnKind.Numeric,
        "double precision" or "real" => ColumnKind.Double,
        "boolean" => ColumnKind.Boolean,
        "timestamp with time zone" => ColumnKind.TimestampTz,
        "date" => ColumnKind.Date,
        _ => ColumnKind.Text,
    };
}

/// <summary>An exportable table of schema analytics, as read from information_schema (never from user input).</summary>
public sealed record ExportTable(string Name, IReadOnlyList<ExportColumn> Columns, IReadOnlyList<string> OrderBy);
