using Npgsql;
using SkillsLedger.Domain.Demo;
using SkillsLedger.ProjectionOps;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Analytics;

/// <summary>
/// Marten's daemon writes a page as: update its row in mt_event_progression, then the analytics statements, in one
/// transaction. A forced rebuild that locked the tables first and the row second could meet a page that had just taken
/// the row: each waits for the other and PostgreSQL aborts one of them (a failed rebuild or a failed daemon batch).
/// The window is a few milliseconds under live load, so this test opens it on purpose: it holds the schema's DDL lock so
/// the rebuild stops after choosing its cut, lets a "daemon page" take the row, then lets the rebuild go on.
/// </summary>
// Own host (IClassFixture, not a SharedLedger collection): forces a rebuild of the whole analytics schema and holds the projection's progression row.
public sealed class ForcedRebuildLockOrderTests(LedgerApp app) : IClassFixture<LedgerApp>, IAsyncLifetime
{
    public Task InitializeAsync() =>
        app.LoadDemoOnceAsync(new DemoOptions(People: 15, Seed: 3, Years: 1, AsOf: new DateOnly(2026, 6, 30)), "test:lock-order", TimeSpan.FromSeconds(120));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_daemon_page_that_takes_the_progression_row_while_a_forced_rebuild_starts_neither_deadlocks_nor_fails()
    {
        // Session-level, outside any transaction: the rebuild's cut does not wait for it, its DDL lock does.
        await using var ddl = new NpgsqlConnection(app.ConnectionString);
        await ddl.OpenAsync();
        await ExecAsync(ddl, null, $"select pg_advisory_lock({AnalyticsSchema.DdlLock})");

        var rebuild = AnalyticsFullRebuild.RunAsync(app.ConnectionString, force: true, _ => { });
        await WaitUntilAsync(() => WaitingForAdvisoryLockAsync(), "the rebuild to wait for the DDL lock");

        // A daemon page, in Marten's order: its progress row first (the rebuild already holds it, so the page waits
        // there), then the tables (an update of no rows still takes the table lock a real insert takes).
        var pagePid = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var page = Task.Run(async () =>
        {
            await using var conn = new NpgsqlConnection(app.ConnectionString);
            await conn.OpenAsync();
            pagePid.SetResult(conn.ProcessID);
            await using var tx = await conn.BeginTransactionAsync();
            await ExecAsync(conn, tx, $"update ledger.mt_event_progression set last_seq_id = last_seq_id, last_updated = transaction_timestamp() where name = '{AnalyticsProjection.ShardIdentity}'");
            await ExecAsync(conn, tx, "update analytics.person set team = team where false");
            await tx.CommitAsync();
        });
        var pid = await pagePid.Task;
        await WaitUntilAsync(async () => page.IsCompleted || await WaitsForALockAsync(pid), "the page to wait on the progression row");
        await ExecAsync(ddl, null, $"select pg_advisory_unlock({AnalyticsSchema.DdlLock})");

        var result = await rebuild.WaitAsync(TimeSpan.FromSeconds(60));
        await page.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(result.CutSequence, await AnalyticsTables.ScalarAsync(app.ConnectionString,
            $"select last_seq_id from ledger.mt_event_progression where name = '{AnalyticsProjection.ShardIdentity}'"));
    }

    private async Task<bool> WaitingForAdvisoryLockAsync() => await AnalyticsTables.ScalarAsync(app.ConnectionString,
        $"select count(*) from pg_locks where locktype = 'advisory' and not granted and objid = ({AnalyticsSchema.DdlLock} & 4294967295)") > 0;

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) => AnalyticsTables.WaitUntilAsync(condition, what);

    private async Task<bool> WaitsForALockAsync(int pid) => await AnalyticsTables.ScalarAsync(app.ConnectionString,
        $"select count(*) from pg_locks where pid = {pid} and not granted") > 0;

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync();
    }
}
