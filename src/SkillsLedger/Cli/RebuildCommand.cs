using Marten;
using SkillsLedger.Infrastructure;
using SkillsLedger.ProjectionOps;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Cli;

/// <summary>
/// skillsledger rebuild [name] [--force] — rebuilds one projection (or all of them) from the event log, with
/// progress. `analytics` is rebuilt by set-based SQL in one transaction (AnalyticsFullRebuild); the small inline
/// catalogue projections are aggregated from their own streams (CatalogueRebuild). A `serve` connected to the same
/// database is detected and the rebuild refused unless --force (docs/operations.md).
/// </summary>
public static class RebuildCommand
{
    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly("force");
        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        using var store = await LedgerStoreFactory.CreateAsync(db.ConnectionString, ct);
        var names = store.Options.Projections.All.Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var selected = args.Positionals.Count switch
        {
            0 => names,
            1 when names.Contains(args.Positionals[0]) => [args.Positionals[0]],
            1 => throw new UsageException($"no projection '{args.Positionals[0]}' (known: {string.Join(", ", names)})"),
            _ => throw new UsageException("usage: skillsledger rebuild [PROJECTION] [--force]"),
        };
        var showProgress = !args.Has("no-progress");

        if (selected.Contains(AnalyticsProjection.ProjectionName))
        {
            try
            {
                var result = await AnalyticsFullRebuild.RunAsync(db.ConnectionString, args.Has("force"),
                    line => { if (showProgress) Console.Error.WriteLine(line); }, ct: ct);
                Console.WriteLine($"rebuilt {AnalyticsProjection.ProjectionName}: {result.Events:N0} events in {result.Elapsed.TotalSeconds:N1} s " +
                                  $"({result.EventsPerSecond:N0} events/s, up to sequence {result.CutSequence:N0})");
            }
            catch (RebuildRefusedException refused)
            {
                Console.Error.WriteLine($"skillsledger: {refused.Message}");
                return 1;
            }
        }

        foreach (var name in selected.Where(CatalogueRebuild.Projections.ContainsKey))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var documents = await CatalogueRebuild.Projections[name](store, db.ConnectionString, ct);
            Console.WriteLine($"rebuilt {name}: {documents:N0} documents from their own streams in {clock.Elapsed.TotalSeconds:N1} s");
        }

        // Any other projection: Marten's daemon replays the whole log for it.
        var others = selected.Where(n => n != AnalyticsProjection.ProjectionName && !CatalogueRebuild.Projections.ContainsKey(n)).ToList();
        if (others.Count == 0) return 0;
        var last = await LedgerProgress.NewestSequenceAsync(db.ConnectionString, ct);
        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var name in others)
        {
            var progress = new Progress($"rebuild {name}", last, showProgress, unit: "events");
            await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), ct);
            progress.Done(last);
            Console.WriteLine($"rebuilt {name}: {last:N0} events in {progress.Elapsed.TotalSeconds:N1} s");
        }
        return 0;
    }
}
