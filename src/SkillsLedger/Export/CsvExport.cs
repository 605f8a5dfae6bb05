using System.Text;
using Npgsql;

namespace SkillsLedger.Export;

/// <summary>
/// RFC 4180 CSV written by PostgreSQL itself: <c>COPY (select …) TO STDOUT (FORMAT csv, HEADER)</c>. PostgreSQL does the
/// quoting (fields with a comma, quote, CR or LF quoted, inner quotes doubled; an empty string quoted as "" so it stays
/// distinct from NULL, an empty field) and the number text (numeric exact, double precision shortest round-trip). The
/// select list shapes the rest the way BI tools read it: timestamps ISO-8601 UTC with "Z" (fractional seconds only as far
/// as needed), dates yyyy-MM-dd, booleans true/false. The only thing we add is RFC 4180's CRLF record end (COPY writes
/// LF), outside quoted fields only. UTF-8 without a byte-order mark.
/// </summary>
internal static class CsvExport
{
    /// <summary>Organisation of the export, handed to the COPY's query as a session setting (COPY takes no parameters).</summary>
    private const string OrganisationSetting = "skillsledger.export_org";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<long> WriteAsync(ExportTable table, string organisation, NpgsqlConnection conn, Stream output,
        int batchRows, Action<long>? progress, CancellationToken ct)
    {
        await using (var set = new NpgsqlCommand($"select set_config('{OrganisationSetting}', $1, false)", conn))
        {
            set.Parameters.Add(new NpgsqlParameter { Value = organisation, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await set.ExecuteNonQueryAsync(ct);
        }

        var copy = $"COPY ({BuildSelect(table)}) TO STDOUT (FORMAT csv, HEADER true, ENCODING 'UTF8')";
        using var source = await conn.BeginTextExportAsync(copy, ct);
        await using var writer = new StreamWriter(output, Utf8, bufferSize: 64 * 1024, leaveOpen: true);
        var records = new CrlfRecords(batchRows, progress);
        var buffer = new char[32 * 1024];
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            await writer.WriteAsync(records.Convert(buffer.AsMemory(0, read)), ct);
            if (records.BatchEnded) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
        return records.Finish();
    }

    /// <summary>The COPY query. Identifiers come from the catalog and are quoted; the organisation is the session setting.</summary>
    internal static string BuildSelect(ExportTable table)
    {
        var columns = string.Join(", ", table.Columns.Select(c => $"{Expression(c)} as {AnalyticsExporter.Quote(c.Name)}"));
        var order = string.Join(", ", table.OrderBy.Select(AnalyticsExporter.Quote));
        return $"select {columns} from {AnalyticsExporter.Quote(AnalyticsExporter.SchemaName)}.{AnalyticsExporter.Quote(table.Name)} " +
               $"where {AnalyticsExporter.Quote(AnalyticsExporter.OrganisationColumn)} = current_setting('{OrganisationSetting}') order by {order}";
    }

    private static string Expression(ExportColumn column)
    {
        var q = AnalyticsExporter.Quote(column.Name);
        return column.Kind switch
        {
            ColumnKind.Boolean => $"case when {q} then 'true' when not {q} then 'false' end",
            // Microseconds, trailing zeros (and a bare dot) dropped: 2024-01-01T00:01:00.12Z, 2024-01-01T00:01:00Z.
            ColumnKind.TimestampTz => $"regexp_replace(to_char({q} at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '\\.?0+$', '') || 'Z'",
            ColumnKind.Date => $"to_char({q}, 'YYYY-MM-DD')",
            ColumnKind.Double => $"{q}::double precision",
            _ => q,
        };
    }

    /// <summary>
    /// Turns COPY's LF record ends into CRLF and counts records as they stream by. A quote toggles "inside a quoted
    /// field" (a doubled quote toggles twice), so a line break inside a field is left alone.
    /// </summary>
    private sealed class CrlfRecords(int batchRows, Action<long>? progress)
    {
        private bool _quoted;
        private long _lines;
        private char[] _out = new char[40 * 1024];

        /// <summary>Whether the last chunk completed a batch of rows (the caller flushes then, so clients see progress).</summary>
        public bool BatchEnded { get; private set; }

        public ReadOnlyMemory<char> Convert(ReadOnlyMemory<char> chunk)
        {
            if (_out.Length < chunk.Length * 2) _out = new char[chunk.Length * 2];
            BatchEnded = false;
            var n = 0;
            foreach (var c in chunk.Span)
            {
                if (c == '"') _quoted = !_quoted;
                else if (c == '\n' && !_quoted)
                {
                    _out[n++] = '\r';
                    _lines++;
                    var rows = _lines - 1; // the header is the first line
                    if (rows > 0 && rows % batchRows == 0)
                    {
                        progress?.Invoke(rows);
                        BatchEnded = true;
                    }
                }
                _out[n++] = c;
            }
            return _out.AsMemory(0, n);
        }

        /// <summary>The number of data rows; reports the last partial batch.</summary>
        public long Finish()
        {
            var rows = Math.Max(0, _lines - 1);
            if (rows % batchRows != 0) progress?.Invoke(rows);
            return rows;
        }
    }
}
