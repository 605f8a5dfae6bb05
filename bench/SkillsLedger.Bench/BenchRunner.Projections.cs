using System.Diagnostics;
using Marten;
using Npgsql;
using SkillsLedger.Infrastructure;
using SkillsLedger.ProjectionOps;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Bench;

/// <summary>The analytics projection's scenarios: set-based full rebuild, daemon catch-up, live lag under ingest.</summary>
public static partial class BenchRunner
{
    /// <summary>What `skillsledger rebuild` does for every projection: analytics by set-based SQL in one transaction, then the catalogue.</summary>
    private static async Task<ScenarioResult> RebuildAsync(string cs, ScenarioResult? sql, Action<string> say, CancellationToken ct)
    {
        using var store = await LedgerStoreFactory.CreateAsync(cs, ct); // schema up to date, as the CLI verb makes it
        // `skillsledger rebuild` with no name: every projection, analytics by SQL and the catalogue from its streams.
        var clock = Stopwatch.StartNew();
        var r = await AnalyticsFullRebuild.RunAsync(cs, force: false, _ => { }, ct: ct);
        var steps = r.Tables.ToDictionary(t => t.Table, t => (object)(t.Rows >= 0
            ? new Dictionary<string, object> { ["rows"] = t.Rows, ["seconds"] = Math.Round(t.Elapsed.TotalSeconds, 3) }
            : new Dictionary<string, object> { ["seconds"] = Math.Round(t.Elapsed.TotalSeconds, 3) }));
        foreach (var (name, rebuild) in CatalogueRebuild.Projections)
        {
            var step = Stopwatch.StartNew();
            var documents = await rebuild(store, cs, ct);
            steps[name] = new Dictionary<string, object> { ["rows"] = documents, ["seconds"] = Math.Round(step.Elapsed.TotalSeconds, 3) };
        }
        clock.Stop();
        var result = Result("rebuild", r.Events, clock.Elapsed, "events", sql, "sql-aggregate-baseline", new()
        {
            ["how"] = "every projection, as `skillsledger rebuild` runs it: analytics by AnalyticsFullRebuild (INSERT … SELECT per table from ledger.mt_events into fresh unindexed tables: skill_assessment, levels and growth on one connection; the catalogue, person, course and performance_signal tables on a second; indexes built once, swapped in at the commit), then SkillDefinition and RoleProfile aggregated from their own streams (CatalogueRebuild)",
            ["cutSequence"] = r.CutSequence,
            ["analyticsSeconds"] = Math.Round(r.Elapsed.TotalSeconds, 3),
            // Preparatory steps (the temporary table of minor events, its statistics), index builds and the swap report no row count.
            ["steps"] = steps,
        });
        say($"rebuild: {r.Events:N0} events in {clock.Elapsed.TotalSeconds:N2} s (analytics {r.Elapsed.TotalSeconds:N2} s) = {result.Rate:N0} events/s{(result.Ratio is { } q ? $" ({q:P1} of the SQL aggregate)" : "")}; " +
            string.Join(", ", r.Tables.Select(t => t.Rows >= 0 ? $"{t.Table} {t.Rows:N0} rows {t.Elapsed.TotalSeconds:N2} s" : $"{t.Table} {t.Elapsed.TotalSeconds:N2} s")));
        return result;
    }

    /// <summary>
    /// The async daemon replaying the whole log into empty tables (progression row removed), as after a bulk load
    /// with no service running: from starting the daemon to its position reaching the last event.
    /// </summary>
    private static async Task<ScenarioResult> CatchUpAsync(string cs, ScenarioResult? sql, Action<string> say, CancellationToken ct)
    {
        using var store = await LedgerStoreFactory.CreateAsync(cs, ct);
        long last, total;
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync(ct);
            total = await CountEventsAsync(conn, ct);
            await using var reset = new NpgsqlCommand(
                $"delete from {MartenTables.Progression} where name = '{AnalyticsProjection.ShardIdentity}'; " +
                string.Join(" ", AnalyticsSchema.Tables.Select(t => $"delete from {AnalyticsSchema.Name}.{t};")) +
                $" select coalesce(max(seq_id), 0) from {MartenTables.Events}", conn);
            last = (long)(await reset.ExecuteScalarAsync(ct))!;
        }
        var clock = Stopwatch.StartNew();
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        try
        {
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync(ct);
            while (await PositionAsync(conn, ct) < last)
            {
                if (clock.Elapsed > TimeSpan.FromHours(2)) throw new TimeoutException("catch-up did not finish in 2 hours");
                await Task.Delay(50, ct);
            }
            clock.Stop();
        }
        finally { await daemon.StopAllAsync(); }
        var r = Result("catch-up", total, clock.Elapsed, "events", sql, "sql-aggregate-baseline", new()
        {
            ["how"] = "analytics progression removed and tables emptied, async daemon started; timed until its position reaches the last sequence (polled every 50 ms)",
            ["pageSize"] = AnalyticsProjection.PageSize,
        });
        say($"catch-up: {total:N0} events in {clock.Elapsed.TotalSeconds:N1} s = {r.Rate:N0} events/s{(r.Ratio is { } q ? $" ({q:P1} of the SQL aggregate)" : "")}");
        return r;
    }

    private static async Task<long> PositionAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        return (await LedgerProgress.AnalyticsAsync(conn, null, ct))?.Sequence ?? 0;
    }

    /// <summary>
    /// Samples how far the analytics projection trails the log while the service ingests: every 200 ms, the events
    /// appended but not yet projected and the age of the oldest of them.
    /// </summary>
    private sealed class LagSampler : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<(long Events, double Seconds)> _samples = [];
        private readonly Task _loop;

        private LagSampler(string cs) => _loop = Task.Run(() => LoopAsync(cs));

        public static LagSampler Start(string cs) => new(cs);

        private async Task LoopAsync(string cs)
        {
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"""
                with p as (select coalesce((select last_seq_id from {MartenTables.Progression} where name = '{AnalyticsProjection.ShardIdentity}'), 0) as at)
                select (select coalesce(max(seq_id), 0) from {MartenTables.Events}) - p.at,
                       coalesce(extract(epoch from clock_timestamp() - (select timestamp from {MartenTables.Events} where seq_id > p.at order by seq_id limit 1)), 0)::float8
                  from p
                """, conn);
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await using var reader = await cmd.ExecuteReaderAsync(_stop.Token);
                    await reader.ReadAsync(_stop.Token);
                    _samples.Add((Math.Max(0, reader.GetInt64(0)), Math.Max(0, reader.GetDouble(1))));
                    await Task.Delay(200, _stop.Token);
                }
                catch (OperationCanceledException) { break; }
            }
        }

        /// <summary>Stops sampling and adds max and p99 of the lag (events and seconds) to <paramref name="details"/>.</summary>
        public async Task ReportAsync(Dictionary<string, object> details)
        {
            await _stop.CancelAsync();
            await _loop;
            double P(IEnumerable<double> xs, double q)
            {
                var sorted = xs.Order().ToList();
                return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
            }
            details["analyticsLagSamples"] = _samples.Count;
            details["analyticsLagMaxEvents"] = _samples.Count == 0 ? 0 : _samples.Max(s => s.Events);
            details["analyticsLagP99Events"] = P(_samples.Select(s => (double)s.Events), 0.99);
            details["analyticsLagMaxSeconds"] = Math.Round(_samples.Count == 0 ? 0 : _samples.Max(s => s.Seconds), 2);
            details["analyticsLagP99Seconds"] = Math.Round(P(_samples.Select(s => s.Seconds), 0.99), 2);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try { await _loop; } catch { /* reported or abandoned */ }
        }
    }
}
