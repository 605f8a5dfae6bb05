using System.Data;
using System.Text;
using Apache.Arrow.Ipc;
using Npgsql;
using NpgsqlTypes;

namespace SkillsLedger.Export;

/// <summary>
/// Streams one organisation's rows of a table in schema <c>analytics</c> (plain relational tables for BI tools)
/// as Apache Arrow IPC stream or RFC 4180 CSV. Generic over information_schema: the table must be listed there
/// (a whitelist — the caller's name is only ever a query parameter, and the name put into SQL is the catalog's,
/// quoted), and its columns are exported in ordinal order. Rows are read with a streaming data reader and
/// written in bounded batches, so memory does not grow with the table.
/// </summary>
public sealed class AnalyticsExporter(NpgsqlDataSource dataSource)
{
    public const string SchemaName = "analytics";
    public const string OrganisationColumn = "org_id";
    public const int DefaultBatchRows = 10_000;

    private readonly int _batchRows = DefaultBatchRows;

    public AnalyticsExporter(NpgsqlDataSource dataSource, int batchRows) : this(dataSource)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRows, 1);
        _batchRows = batchRows;
    }

    /// <summary>Tables (and views) of schema analytics that carry an org_id column, by name.</summary>
    public async Task<IReadOnlyList<string>> ListTablesAsync(CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            select t.table_name
            from information_schema.tables t
            where t.table_schema = $1 and t.table_type in ('BASE TABLE', 'VIEW')
              and exists (select 1 from information_schema.columns c
                          where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = $2)
            order by t.table_name
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = SchemaName, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = OrganisationColumn, NpgsqlDbType = NpgsqlDbType.Text });
        var names = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>
    /// The table's columns and sort order, or null when schema analytics has no such table (or view) with an
    /// org_id column — a table without one cannot be scoped to an organisation, so it is not exportable.
    /// </summary>
    public async Task<ExportTable?> DescribeAsync(string? table, CancellationToken ct = default)
    {
        // PostgreSQL identifiers are at most 63 bytes; anything longer cannot name a table.
        if (string.IsNullOrEmpty(table) || Encoding.UTF8.GetByteCount(table) > 63) return null;
        await using var conn = await dataSource.OpenConnectionAsync(ct);

        string? name = null;
        var columns = new List<ExportColumn>();
        await using (var cmd = new NpgsqlCommand("""
            select t.table_name, c.column_name, c.data_type
            from information_schema.tables t
            join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
            where t.table_schema = $1 and t.table_name = $2 and t.table_type in ('BASE TABLE', 'VIEW')
            order by c.ordinal_position
            """, conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = SchemaName, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter { Value = table, NpgsqlDbType = NpgsqlDbType.Text });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                name = reader.GetString(0);
                var type = reader.GetString(2);
                columns.Add(new ExportColumn(reader.GetString(1), type, ExportColumn.KindOf(type)));
            }
        }
        if (name is null || !columns.Any(c => c.Name == OrganisationColumn)) return null;

        // Primary key columns in key order (pg_catalog: information_schema hides constraints from read-only roles).
        var key = new List<string>();
        await using (var cmd = new NpgsqlCommand("""
            select a.attname
            from pg_index i
            join pg_class c on c.oid = i.indrelid
            join pg_namespace n on n.oid = c.relnamespace
            cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
            join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
            where n.nspname = $1 and c.relname = $2 and i.indisprimary
            order by k.ord
            """, conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = SchemaName, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter { Value = name, NpgsqlDbType = NpgsqlDbType.Text });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) key.Add(reader.GetString(0));
        }
        // Without a primary key, order by every column so that repeated exports come out in the same order.
        var orderBy = key.Count > 0 && key.All(k => columns.Any(c => c.Name == k)) ? key : columns.Select(c => c.Name).ToList();
        return new ExportTable(name, columns, orderBy);
    }

    /// <summary>
    /// Writes the organisation's rows of the table to <paramref name="output"/> and returns how many were written.
    /// The output is flushed after every batch; it is left open.
    /// </summary>
    /// <param name="progress">Called with the running row count after each batch.</param>
    public async Task<long> ExportAsync(ExportTable table, string organisation, ExportFormat format, Stream output,
        Action<long>? progress = null, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (format == ExportFormat.Csv) return await CsvExport.WriteAsync(table, organisation, conn, output, _batchRows, progress, ct);
        await using var cmd = new NpgsqlCommand(BuildArrowSelect(table), conn)
        {
            // A big export can legitimately run for minutes; cancellation (client gone, Ctrl-C) stops it instead.
            CommandTimeout = 0,
        };
        cmd.Parameters.Add(new NpgsqlParameter { Value = organisation, NpgsqlDbType = NpgsqlDbType.Text });
        // Npgsql reads rows off the socket as the server sends them: nothing is buffered beyond the current row.
        await using var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        return await ArrowExport.WriteAsync(table, organisation, reader, output, _batchRows, progress, ct);
    }

    /// <summary>The Arrow export's query. Every identifier comes from the catalog and is quoted; the organisation is $1.</summary>
    internal static string BuildArrowSelect(ExportTable table)
    {
        var select = string.Join(", ", table.Columns.Select(SelectExpression));
        var order = string.Join(", ", table.OrderBy.Select(Quote));
        return $"select {select} from {Quote(SchemaName)}.{Quote(table.Name)} where {Quote(OrganisationColumn)} = $1 order by {order}";
    }

    private static string SelectExpression(ExportColumn column)
    {
        var q = Quote(column.Name);
        return column.Kind switch
        {
            ColumnKind.Text => column.PostgresType == "text" ? q : $"{q}::text",
            ColumnKind.Int32 => column.PostgresType == "integer" ? q : $"{q}::integer",
            ColumnKind.Double => column.PostgresType == "double precision" ? q : $"{q}::double precision",
            // Numeric becomes float64 (BI tools want floats; NaN and huge values survive the cast, which a .NET decimal
            // would not). The CSV export keeps PostgreSQL's exact decimal text (CsvExport).
            ColumnKind.Numeric => $"{q}::double precision",
            _ => q,
        };
    }

    /// <summary>A PostgreSQL quoted identifier: "name" with embedded quotes doubled.</summary>
    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
