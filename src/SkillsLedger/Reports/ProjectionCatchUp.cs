using System.Diagnostics;
using Marten;
using Marten.Events;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Reports;

/// <summary>
/// Makes sure the async analytics projection has processed the whole event log before a CLI verb reads it.
/// Three cases: it is already current (nothing to do); another process's daemon (e.g. `serve`) is moving it
/// forward (wait for that one, never run a second daemon on the same tables); or nobody is (run a daemon here
/// until it has caught up, then stop it).
/// </summary>
public static class ProjectionCatchUp
{
    public static async Task EnsureCurrentAsync(DocumentStore store, string connectionString, Action<string> log, TimeSpan timeout, CancellationToken ct)
    {
        var last = await LedgerProgress.NewestSequenceAsync(connectionString, ct);
        var position = await PositionAsync(store, ct);
        if (position >= last) return;

        // A running daemon elsewhere shows up as progress moving between two looks.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var later = await PositionAsync(store, ct);
        var clock = Stopwatch.StartNew();
        if (later >= last) return;
        if (later > position)
        {
            log($"analytics projection at {later:N0} of {last:N0} events and advancing: waiting for the running daemon");
            while (later < last)
            {
                if (clock.Elapsed > timeout) throw new TimeoutException($"the analytics projection did not catch up within {timeout.TotalSeconds:N0} s");
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                later = await PositionAsync(store, ct);
            }
            return;
        }

        log($"analytics projection at {later:N0} of {last:N0} events: catching up");
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        try
        {
            await store.WaitForNonStaleProjectionDataAsync(timeout);
        }
        finally
        {
            await daemon.StopAllAsync();
        }
        log($"analytics projection caught up in {clock.Elapsed.TotalSeconds:N1} s");
    }

    /// <summary>The lowest position of the async projection shards (0 when none has run yet).</summary>
    private static async Task<long> PositionAsync(DocumentStore store, CancellationToken ct)
    {
        var shards = (await store.Advanced.AllProjectionProgress(token: ct))
            .Where(p => LedgerProgress.IsProjectionShard(p.ShardName))
            .ToList();
        return shards.Count == 0 ? 0 : shards.Min(p => p.Sequence);
    }
}
