using System.Globalization;
using System.Text;
using Npgsql;
using SkillsLedger.Hris;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;

namespace SkillsLedger.Cli;

/// <summary>
/// skillsledger import-hris FILE.csv --mapping MAP.json --snapshot-date YYYY-MM-DD [--batch-size 1000] — turns an HRIS
/// snapshot (one row per person, no dates) into ledger events by a mapping and the date rules of docs/hris-import.md,
/// through the same loader as <c>import</c>. Event ids are derived from the snapshot date and person id, so re-importing
/// the same file appends nothing.
/// </summary>
public static class HrisImportCommand
{
    private const string UsageText = "usage: skillsledger import-hris FILE.csv --mapping MAP.json --snapshot-date YYYY-MM-DD [--batch-size N]";

    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly("mapping", "snapshot-date", "batch-size");
        if (args.Positionals.Count != 1) throw new UsageException(UsageText);
        var file = args.Positionals[0];
        if (!File.Exists(file)) throw new UsageException($"no such file: {file}");
        if (args.Option("mapping") is not { } mappingFile) throw new UsageException("--mapping MAP.json is required; " + UsageText);
        if (!File.Exists(mappingFile)) throw new UsageException($"no such mapping file: {mappingFile}");
        if (args.Option("snapshot-date") is not { } dateText) throw new UsageException("--snapshot-date YYYY-MM-DD is required (the date the snapshot describes); " + UsageText);
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var snapshot))
            throw new UsageException($"--snapshot-date must be a date like 2025-06-30 (got '{dateText}')");
        if (snapshot > DateOnly.FromDateTime(DateTime.UtcNow))
            throw new UsageException($"--snapshot-date {dateText} is in the future; a snapshot describes a day that has happened");
        if (snapshot.Year < 1901) throw new UsageException("--snapshot-date must be after 1900");
        var batchSize = args.IntOption("batch-size", 1000, 1, 10_000);
        var org = args.Option("org") ?? LedgerStoreConfiguration.DefaultOrganisation;

        // The mapping and the header are checked before anything touches the database.
        HrisMapping mapping;
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        HrisSnapshotReader rows;
        try
        {
            mapping = HrisMapping.Load(mappingFile);
            rows = new HrisSnapshotReader(reader, mapping, snapshot, Path.GetFileName(mappingFile));
        }
        catch (HrisMappingException ex)
        {
            Console.Error.WriteLine($"import-hris stopped: {ex.Message}; nothing was stored");
            return 1;
        }
        catch (LoadStoppedException ex)
        {
            Console.Error.WriteLine($"import-hris stopped at {ex.Message}; nothing was stored");
            return 1;
        }
        catch (DecoderFallbackException)
        {
            Console.Error.WriteLine($"import-hris stopped: the header of {file} is not valid UTF-8; nothing was stored");
            return 1;
        }

        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        await using var ledger = await CliLedger.OpenAsync(db.ConnectionString, ct);
        if (await OtherSnapshotAsync(ledger.Database, org, mapping.EventIdPrefix, snapshot, ct) is { } other)
        {
            Console.Error.WriteLine($"import-hris stopped: organisation '{org}' already holds an HRIS snapshot import with event ids '{mapping.EventIdPrefix}-{other}-…'; " +
                                    $"importing under --snapshot-date {dateText} would add a second synthetic history for the same people. " +
                                    $"Use --snapshot-date {other}, another --org, or another eventIdPrefix in the mapping; nothing was stored");
            return 1;
        }
        var context = new AppendContext(org, "cli:import-hris", Guid.NewGuid().ToString());

        var progress = new Progress($"import-hris {Path.GetFileName(file)}", stream.Length, !args.Has("no-progress"));
        var loader = new BatchLoader(ledger.Appender, context, batchSize);
        try
        {
            var totals = await loader.LoadAsync(rows.Events(), t => progress.Report(stream.Position, t.Appended + t.Duplicates), ct);
            progress.Done(totals.Appended + totals.Duplicates);
            var t = rows.Totals;
            Console.WriteLine($"imported {file} as of {dateText}: {t.Rows:N0} people ({t.Leavers:N0} leavers, {t.Trainings:N0} trainings, " +
                              $"{t.PerformanceSignals:N0} performance signals{(t.RowNumberIds > 0 ? $", {t.RowNumberIds:N0} ids from row numbers" : "")}); " +
                              $"{totals.Appended:N0} events appended, {totals.Duplicates:N0} duplicates skipped, {totals.Batches:N0} batches in " +
                              $"{progress.Elapsed.TotalSeconds:N1} s; last sequence {totals.LastSequence}");
            return 0;
        }
        catch (LoadStoppedException ex)
        {
            progress.Done(loader.Totals.Appended + loader.Totals.Duplicates);
            Console.Error.WriteLine($"import-hris stopped at {Describe(ex, rows)} — {loader.Totals.Appended:N0} events from earlier batches were stored " +
                                    $"({loader.Totals.Duplicates:N0} duplicates); fix the row and re-run: stored events are not appended twice");
            return 1;
        }
        catch (DecoderFallbackException)
        {
            Console.Error.WriteLine($"import-hris stopped: {file} is not valid UTF-8 — {loader.Totals.Appended:N0} events from earlier batches were stored");
            return 1;
        }
    }

    /// <summary>
    /// The reader's own errors already say "row N, column C: …". The ledger's rejections arrive as "line N: field: …"
    /// (BatchLoader's wording, N being the row): say row, and name the CSV column the field came from.
    /// </summary>
    internal static string Describe(LoadStoppedException ex, HrisSnapshotReader rows)
    {
        var prefix = $"line {ex.Line}: ";
        if (!ex.Message.StartsWith(prefix, StringComparison.Ordinal)) return ex.Message;
        var rest = ex.Message[prefix.Length..];
        var colon = rest.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && rows.ColumnOf(rest[..colon]) is { } column)
            return $"row {ex.Line}, column {column} ({rest[..colon]}): {rest[(colon + 2)..]}";
        return $"row {ex.Line}: {rest}";
    }

    /// <summary>A snapshot date under which this organisation already holds HRIS hires with the same id prefix, other than this one.</summary>
    private static async Task<string?> OtherSnapshotAsync(LedgerDatabase database, string org, string prefix, DateOnly snapshot, CancellationToken ct)
    {
        static string Like(string s) => s.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"select substr(event_id, $4, 10) from {LedgerStoreConfiguration.Schema}.{LedgerTables.EventIds} " +
            "where tenant_id = $1 and event_id like $2 and event_id not like $3 limit 1", conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(Like(prefix) + @"-____-__-__-%-hired");
        cmd.Parameters.AddWithValue(Like($"{prefix}-{snapshot:yyyy-MM-dd}-") + "%");
        cmd.Parameters.AddWithValue(prefix.Length + 2);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }
}
