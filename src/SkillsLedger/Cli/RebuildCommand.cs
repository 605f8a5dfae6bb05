using Marten;
using Npgsql;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Cli;

/// <summary>
/// skillsledger rebuild [name] — replays the whole event log through one projection (or all of them) from
/// empty tables, with progress. Run it while no `serve` is running against the same database: a running node's
/// daemon would be writing the same tables.
/// </summary>
public static class RebuildCommand
{
    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly();
        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        using var store = await LedgerStoreFactory.CreateAsync(db.ConnectionString, ct);
        var names = store.Options.Projections.All.Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var selected = args.Positionals.Count switch
        {
            0 => names,
            1 when names.Contains(args.Positionals[0]) => [args.Positionals[0]],
            1 => throw new UsageException($"no projection '{args.Positionals[0]}' (known: {string.Join(", ", names)})"),
            _ => throw new UsageException("usage: skillsledger rebuild [PROJECTION]"),
        };

        var last = await LastSequenceAsync(db.ConnectionString, ct);
        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var name in selected)
        {
            var progress = new Progress($"rebuild {name}", last, !args.Has("no-progress"), unit: "events");
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var watcher = WatchAsync(db.ConnectionString, name, progress, poll.Token);
            await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), ct);
            await poll.CancelAsync();
            try { await watcher; } catch (OperationCanceledException) { }
            progress.Done(last);
            Console.WriteLine($"rebuilt {name}: {last:N0} events in {progress.Elapsed.TotalSeconds:N1} s");
        }
        return 0;
    }

    private static async Task WatchAsync(string connectionString, string name, Progress progress, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(500, ct);
            await using var cmd = new NpgsqlCommand(
                $"select coalesce(max(last_seq_id), 0) from {LedgerStoreConfiguration.Schema}.mt_event_progression where name like $1", conn);
            cmd.Parameters.AddWithValue(name + ":%");
            var position = (long)(await cmd.ExecuteScalarAsync(ct))!;
            progress.Report(position, position);
        }
    }

    private static async Task<long> LastSequenceAsync(string connectionString, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {LedgerStoreConfiguration.Schema}.mt_events", conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
