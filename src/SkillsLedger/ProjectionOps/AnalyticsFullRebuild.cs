using System.Diagnostics;
using Npgsql;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.ProjectionOps;

/// <summary>A rebuild that would race a running service; the message is one line for the CLI.</summary>
public sealed class RebuildRefusedException(string message) : Exception(message);

public sealed record RebuiltTable(string Table, long Rows, TimeSpan Elapsed);

/// <summary>What a set-based rebuild did: every event up to <see cref="CutSequence"/> is in the tables.</summary>
public sealed record AnalyticsRebuildResult(long CutSequence, long Events, TimeSpan Elapsed, IReadOnlyList<RebuiltTable> Tables)
{
    public double EventsPerSecond => Events / Math.Max(Elapsed.TotalSeconds, 1e-6);
}

/// <summary>
/// Rebuilds the whole `analytics` schema with set-based SQL (<see cref="AnalyticsRebuildSql"/>) in one transaction,
/// instead of replaying every event through the projection. The statements fill fresh tables without indexes, the
/// indexes are built once at the end, and the fresh tables replace the old ones just before the commit
/// (<see cref="AnalyticsTableSwap"/>). Readers keep seeing the old tables until then; a failure leaves them as they
/// were; the daemon continues from the cut, so no event is applied twice or skipped.
/// </summary>
public static class AnalyticsFullRebuild
{
    private const string Schema = LedgerStoreConfiguration.Schema;

    /// <param name="force">Rebuild even while a `serve` is connected: up to its daemon's committed position, which
    /// the daemon's next batch (blocked by the table locks until the commit) continues from.</param>
    /// <param name="inFlightTimeout">How long to wait for appends that were already running when the cut was chosen.</param>
    public static async Task<AnalyticsRebuildResult> RunAsync(string connectionString, bool force, Action<string> progress,
        TimeSpan? inFlightTimeout = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        // Both connections report as their steps end: one at a time, so the caller needs no locking of its own.
        var gate = new object();
        void say(string message) { lock (gate) progress(message); }
        await using var conn = new NpgsqlConnection(RunningServices.Tag(connectionString, RunningServices.RebuildApplicationName));
        await conn.OpenAsync(ct);

        var services = await RunningServices.ServicesOnAsync(conn, ct);
        if (services.Count > 0 && !force)
            throw new RebuildRefusedException(
                $"a `skillsledger serve` is connected to this database ({string.Join(", ", services)}); stop it first, or pass --force to rebuild under it (up to its daemon's position; the daemon waits, then carries on)");

        var settled = await CutAsync(conn, inFlightTimeout ?? TimeSpan.FromSeconds(60), ct);

        var tables = new List<RebuiltTable>();
        await AnalyticsSecondConnection.DropLeftoversAsync(conn, ct);
        var second = new AnalyticsSecondConnection(connectionString, conn.ProcessID);
        using var stopSecond = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<AnalyticsSecondConnection.Filled>? secondFill = null;
        try
        {
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
        await ExecuteAsync(conn, tx, SessionSettings, ct);
        // The progression row before any other lock: Marten's daemon writes a page as "update its progression row, then
        // the analytics tables" in one transaction. Taking the tables first and the row second deadlocked with a page that
        // had just taken the row (PostgreSQL then aborts the rebuild or the page; ForcedRebuildLockOrderTests). In the
        // daemon's order, a page in flight finishes first and the next one waits on the row until our commit.
        var daemonAt = await LockProgressionAsync(conn, tx, ct);
        // No schema change (a starting node applying the DDL) between copying the tables' definitions and the swap;
        // taken before the table locks, in the same order as the DDL takes them.
        await ExecuteAsync(conn, tx, $"select pg_advisory_xact_lock({AnalyticsSchema.DdlLock})", ct);
        // EXCLUSIVE blocks writers (the daemon's next page already waits on the row; anything else waits here) but not
        // readers: BI tools and the API keep reading the old tables until the swap at the end.
        await ExecuteAsync(conn, tx, $"lock table {string.Join(", ", AnalyticsSchema.Tables.Select(t => $"{AnalyticsSchema.Name}.{t}"))} in exclusive mode", ct);

        long cut;
        if (services.Count > 0 && daemonAt is { } position)
        {
            // A running daemon holds its position in memory and writes `last_seq_id = ceiling where last_seq_id =
            // floor`: cutting exactly at its committed position (settled: the daemon stops at its high-water mark)
            // lets it carry on after our commit as if nothing happened. Moving the row would stop its shard.
            cut = position;
            say($"a running daemon is at sequence {cut:N0}: rebuilding up to it, the daemon carries on from there");
        }
        else
        {
            cut = settled;
            await SetProgressionAsync(conn, tx, cut, ct);
            say($"cut at sequence {cut:N0}: every event up to it is committed");
        }

        var steps = AnalyticsRebuildSql.Steps(Schema, AnalyticsTableSwap.Staging);
        var secondSteps = AnalyticsRebuildSql.Steps(Schema, second.Schema).Where(s => !AnalyticsRebuildSql.IsAssessmentStep(s)).ToList();
        secondFill = second.FillAsync(secondSteps, cut, say, stopSecond.Token);
        await AnalyticsTableSwap.CreateEmptyCopiesAsync(conn, tx, AnalyticsTableSwap.Staging, AnalyticsRebuildSql.AssessmentTables, ct);
        say($"deriving every event up to the cut into fresh tables without indexes: {string.Join(", ", AnalyticsRebuildSql.AssessmentTables)} " +
            $"here (schema {AnalyticsTableSwap.Staging}), the others on a second connection");

        // Each table's indexes (and statistics) as soon as it is filled, not all at the end: the levels then read the
        // assessments through skill_assessment_person_skill, already in (person, skill) order, and only sort each
        // person-skill's few rows by sequence, which halves that statement at 10M events against sorting all of them
        // (docs/performance.md, "Figures behind choices in the code").
        foreach (var step in steps.Where(AnalyticsRebuildSql.IsAssessmentStep))
        {
            var stepClock = Stopwatch.StartNew();
            await using (var cmd = new NpgsqlCommand(step.Sql, conn, tx) { CommandTimeout = 0 })
            {
                cmd.Parameters.AddWithValue(cut);
                var rows = await cmd.ExecuteNonQueryAsync(ct);
                tables.Add(new RebuiltTable(step.Table, rows, stepClock.Elapsed));
            }
            say(Describe(tables[^1]));
            tables.AddRange(await AnalyticsTableSwap.BuildIndexesAsync(conn, tx, AnalyticsTableSwap.Staging,
                step.Table.Split(", "), say, ct));
        }
        var waited = Stopwatch.StartNew();
        var filled = await secondFill;
        tables.AddRange(filled.Tables);
        await second.AdoptAsync(conn, tx, ct);
        say($"  (waited {waited.Elapsed.TotalSeconds:N2} s for the second connection)");
        // One row per skill_assessed and per performance_signal event, plus the minor events: every event up to the
        // cut (archived ones and tombstones left out, as the daemon skips them), without counting the log again.
        var events = filled.MinorEvents + tables.Where(t => t.Table is "skill_assessment" or "performance_signal").Sum(t => t.Rows);
        var swap = Stopwatch.StartNew();
        await AnalyticsTableSwap.SwapAsync(conn, tx, say, ct);
        tables.Add(new RebuiltTable("(swap)", -1, swap.Elapsed));
        say($"swapped the rebuilt tables in ({swap.Elapsed.TotalSeconds:N2} s)");
        await tx.CommitAsync(ct);
        clock.Stop();
        var result = new AnalyticsRebuildResult(cut, events, clock.Elapsed, tables);
        say($"rebuilt analytics: {events:N0} events in {clock.Elapsed.TotalSeconds:N2} s = {result.EventsPerSecond:N0} events/s");
        return result;
        }
        catch
        {
            // Nothing of the main transaction survives (it rolls back when disposed); what the second connection
            // committed must not either.
            await stopSecond.CancelAsync();
            if (secondFill is not null) try { await secondFill; } catch { /* its own failure or our cancellation */ }
            await second.DropAsync();
            throw;
        }
    }

    /// <summary>How a filled table shows in the progress: its rows (none for preparatory steps) and time.</summary>
    internal static string Describe(RebuiltTable t) =>
        t.Rows >= 0 ? $"  {t.Table}: {t.Rows:N0} rows in {t.Elapsed.TotalSeconds:N2} s" : $"  {t.Table}: {t.Elapsed.TotalSeconds:N2} s";

    /// <summary>
    /// Per-transaction settings of both rebuild connections. Sorts, hashes and index builds stay in memory. The
    /// log's big side is never sorted to merge it with a small one (the retractions): hashing the small side is
    /// cheaper, and the planner guessed the other way. No JIT: each statement runs once, so compiling it is pure
    /// cost. No parallel workers: the two connections already keep both cores busy, and workers competing with the
    /// other connection made the minor events' scan slower, not faster. (Figures for all three: docs/performance.md,
    /// "Figures behind choices in the code".)
    /// </summary>
    internal const string SessionSettings =
        "set local work_mem = '256MB'; set local maintenance_work_mem = '512MB'; set local enable_mergejoin = off; set local jit = off; " +
        "set local max_parallel_workers_per_gather = 0";

    /// <summary>
    /// The highest sequence S such that every event at or below it is already committed (or will never be).
    /// Appends reserve their sequence numbers inside their transaction before committing (Rich mode), so the log
    /// can hold gaps that a still-running append is about to fill. Taking S = the last number handed out and then
    /// waiting until every transaction older than that moment has ended closes those gaps: later appends can only
    /// get numbers above S, which the daemon applies after the rebuild. (Marten writes a tombstone for numbers of a
    /// failed append, possibly later; the projection ignores tombstones.)
    /// </summary>
    private static async Task<long> CutAsync(NpgsqlConnection conn, TimeSpan timeout, CancellationToken ct)
    {
        long cut;
        DateTime since;
        await using (var cmd = new NpgsqlCommand(LedgerProgress.LastHandedOut, conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            cut = reader.GetInt64(0);
            since = reader.GetDateTime(1);
        }
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var cmd = new NpgsqlCommand("""
                select 'pid ' || pid || ' (' || coalesce(nullif(application_name, ''), 'no application name') || ', open since ' || xact_start || ')'
                  from pg_stat_activity
                 where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' and xact_start < $1
                 order by xact_start
                """, conn);
            cmd.Parameters.AddWithValue(since);
            var older = (string?)await cmd.ExecuteScalarAsync(ct);
            if (older is null) return cut;
            if (clock.Elapsed > timeout)
                throw new RebuildRefusedException(
                    $"a transaction older than the rebuild is still open after {timeout.TotalSeconds:N0} s ({older}); it may hold events below the cut — end it and run the rebuild again");
            await Task.Delay(50, ct);
        }
    }

    /// <summary>The projection's committed position, row-locked until our commit (null when it has never run).</summary>
    private static async Task<long?> LockProgressionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(ProjectionProgression.LockPosition, conn, tx);
        cmd.Parameters.AddWithValue(AnalyticsProjection.ShardIdentity);
        return await cmd.ExecuteScalarAsync(ct) is long position ? position : null;
    }

    /// <summary>
    /// Moves the projection to the cut, so a daemon started later begins after it. At cut 0 (an empty log) the row
    /// is removed instead: Marten inserts it with the shard's first batch and fails if it is already there.
    /// </summary>
    private static async Task SetProgressionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long cut, CancellationToken ct)
    {
        await using var mark = new NpgsqlCommand(cut == 0 ? ProjectionProgression.RemovePositionAtZero : ProjectionProgression.SetPosition, conn, tx);
        mark.Parameters.AddWithValue(AnalyticsProjection.ShardIdentity);
        mark.Parameters.AddWithValue(cut);
        await mark.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
