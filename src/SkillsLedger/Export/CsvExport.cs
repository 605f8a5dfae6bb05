using System.Globalization;
using System.Text;
using Npgsql;

namespace SkillsLedger.Export;

/// <summary>
/// Writes rows as RFC 4180 CSV: a header row, comma-separated, CRLF line ends, fields containing a comma, quote,
/// CR or LF quoted with inner quotes doubled; invariant culture, timestamps as ISO-8601 UTC with "Z", dates
/// yyyy-MM-dd, booleans true/false, NULL as an empty field
/// (an empty string is written as "" to stay distinct). UTF-8 without a byte-order mark.
/// </summary>
internal static class CsvExport
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private const int FlushChars = 256 * 1024;

    public static async Task<long> WriteAsync(ExportTable table, NpgsqlDataReader reader, Stream output, int batchRows,
        Action<long>? progress, CancellationToken ct)
    {
        // Rows are gathered in a bounded StringBuilder and written with async I/O only (Kestrel forbids sync writes).
        await using var writer = new StreamWriter(output, Utf8, bufferSize: 64 * 1024, leaveOpen: true);
        var line = new StringBuilder(FlushChars + 4096);
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (i > 0) line.Append(',');
            AppendField(line, table.Columns[i].Name);
        }
        line.Append("\r\n");

        var kinds = table.Columns.Select(c => c.Kind).ToArray();
        long total = 0;
        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < kinds.Length; i++)
            {
                if (i > 0) line.Append(',');
                if (!reader.IsDBNull(i)) AppendValue(line, kinds[i], reader, i);
            }
            line.Append("\r\n");
            total++;
            if (line.Length >= FlushChars || total % batchRows == 0)
            {
                await writer.WriteAsync(line, ct);
                line.Clear();
                if (total % batchRows == 0)
                {
                    await writer.FlushAsync(ct);
                    progress?.Invoke(total);
                }
            }
        }
        await writer.WriteAsync(line, ct);
        await writer.FlushAsync(ct);
        if (total % batchRows != 0) progress?.Invoke(total);
        return total;
    }

    private static void AppendValue(StringBuilder line, ColumnKind kind, NpgsqlDataReader reader, int i)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (kind)
        {
            case ColumnKind.Text:
                // As PostgreSQL's COPY does: an empty string is quoted, so it stays distinct from NULL (empty field).
                var text = reader.GetString(i);
                if (text.Length == 0) line.Append("\"\"");
                else AppendField(line, text);
                break;
            case ColumnKind.Numeric: // selected as PostgreSQL's exact text
                line.Append(reader.GetString(i));
                break;
            case ColumnKind.Int32: line.Append(reader.GetInt32(i).ToString(inv)); break;
            case ColumnKind.Int64: line.Append(reader.GetInt64(i).ToString(inv)); break;
            case ColumnKind.Double: line.Append(reader.GetDouble(i).ToString("R", inv)); break;
            case ColumnKind.Boolean: line.Append(reader.GetBoolean(i) ? "true" : "false"); break;
            case ColumnKind.TimestampTz: line.Append(FormatTimestamp(reader.GetFieldValue<DateTime>(i))); break;
            case ColumnKind.Date: line.Append(reader.GetFieldValue<DateOnly>(i).ToString("yyyy-MM-dd", inv)); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>ISO-8601 in UTC with "Z"; fractional seconds only as far as needed (PostgreSQL keeps microseconds).</summary>
    internal static string FormatTimestamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);

    internal static void AppendField(StringBuilder line, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) { line.Append(value); return; }
        line.Append('"');
        foreach (var ch in value)
        {
            if (ch == '"') line.Append('"');
            line.Append(ch);
        }
        line.Append('"');
    }
}
