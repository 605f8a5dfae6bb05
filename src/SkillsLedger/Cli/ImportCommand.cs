using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;

namespace SkillsLedger.Cli;

/// <summary>
/// skillsledger import FILE.jsonl [--batch-size N] [--per-batch]. By default person events are written by COPY in
/// chunks of 20,000 (<see cref="BulkAppender"/>); --per-batch uses the normal write path, 1,000 per batch. Both have the
/// same contract: a chunk is stored whole or not at all, and a bad line stops the import with earlier chunks kept.
/// </summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly("batch-size", "per-batch", "profile");
        if (args.Positionals.Count != 1) throw new UsageException("usage: skillsledger import FILE.jsonl [--batch-size N] [--per-batch] [--profile]");
        var file = args.Positionals[0];
        if (!File.Exists(file)) throw new UsageException($"no such file: {file}");
        var perBatch = args.Has("per-batch");
        var batchSize = perBatch ? args.IntOption("batch-size", 1000, 1, 10_000) : args.IntOption("batch-size", 20_000, 1, 100_000);

        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        await using var ledger = await CliLedger.OpenAsync(db.ConnectionString, ct);
        var context = new AppendContext(args.Option("org") ?? LedgerStoreConfiguration.DefaultOrganisation, "cli:import", Guid.NewGuid().ToString());

        // --profile: wall time per step on stderr (docs/operations.md#import), for finding where an import's time goes.
        using var profile = args.Has("profile") ? new ImportProfile() : null;
        // A throughput job on a busy 2-core machine: blocking collections rather than background ones (which run a
        // concurrent marking thread beside the reader and the COPY). The process ends with the import.
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
        var progress = new Progress($"import {Path.GetFileName(file)}", new FileInfo(file).Length, !args.Has("no-progress"));
        long bytes = 0;
        using var reader = new StreamReader(file);
        var loader = perBatch
            ? new BatchLoader(ledger.Appender, context, batchSize)
            : new BatchLoader(new BulkAppender(ledger.Store, ledger.Database, context, TimeProvider.System).PrepareAsync, batchSize);
        try
        {
            var totals = await loader.LoadAsync(JsonlReader.Read(reader, n => bytes += n), t => progress.Report(bytes, t.Appended + t.Duplicates), ct);
            progress.Done(totals.Appended + totals.Duplicates);
            if (profile is not null)
                foreach (var line in profile.Lines(totals.Appended + totals.Duplicates, progress.Elapsed)) Console.Error.WriteLine(line);
            Console.WriteLine($"imported {file}: {totals.Appended:N0} events appended, {totals.Duplicates:N0} duplicates skipped, " +
                              $"{totals.Batches:N0} batches in {progress.Elapsed.TotalSeconds:N1} s; last sequence {totals.LastSequence}");
            return 0;
        }
        catch (LoadStoppedException ex)
        {
            progress.Done(loader.Totals.Appended + loader.Totals.Duplicates);
            Console.Error.WriteLine($"import stopped at {ex.Message} — {loader.Totals.Appended:N0} events from earlier batches were stored " +
                                    $"({loader.Totals.Duplicates:N0} duplicates); fix the line and re-run: stored events are not appended twice");
            return 1;
        }
    }
}
