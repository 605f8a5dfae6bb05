using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SkillsLedger.Cli;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;
using SkillsLedger.ProjectionOps;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Analytics;

/// <summary>
/// The three ways of building the analytics tables give the same rows, every column, doubles bit for bit:
/// (a) the live daemon applying pages of events as they are appended, (b) Marten's daemon rebuild, (c) the
/// set-based SQL rebuild. Over the demo organisation plus hand-built edge cases whose outcome depends on event
/// order, in two organisations. The service (and its daemon) runs throughout, so (b) and (c) also run under it.
/// </summary>
// Own host (IClassFixture, not a SharedLedger collection): compares the whole analytics schema with a rebuild and reads the projection's global position.
public sealed class AnalyticsEquivalenceTests(LedgerApp app) : IClassFixture<LedgerApp>, IAsyncLifetime
{
    private static readonly DemoOptions Demo = new(People: 90, Seed: 5, Years: 2, AsOf: new DateOnly(2026, 6, 30));
    private static readonly SemaphoreSlim EdgeLock = new(1, 1);
    private static readonly HashSet<string> Loaded = [];

    public async Task InitializeAsync()
    {
        await app.LoadDemoOnceAsync(Demo, "test:equivalence", TimeSpan.FromSeconds(120));
        await EdgeLock.WaitAsync();
        try
        {
            if (Loaded.Add(app.ConnectionString))
                foreach (var (org, batch) in EdgeCases.Batches()) await AppendAsync(org, batch);
        }
        finally { EdgeLock.Release(); }
        await CaughtUpAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task AppendAsync(string org, IReadOnlyList<ILedgerEvent> batch)
    {
        var appender = app.Services.GetRequiredService<LedgerAppender>();
        var outcome = await appender.AppendAsync(batch, new AppendContext(org, "test:edge", "edge-cases"));
        Assert.True(outcome is AppendOutcome.Appended, $"edge batch not appended: {outcome}");
    }

    [Fact]
    public async Task Assignment_history_catalogue_and_goal_revisions_hold_what_the_edge_events_say()
    {
        var cs = app.ConnectionString;
        // Worked by hand from EdgeCases: a move before the hire records nothing; a move names only what changes; a
        // rehire starts again from its own values (team null), and the move after it keeps that null team.
        Assert.Equal([
            "EDGE-MOVE|edge-move-hire|Data|data-analyst|data-core",
            "EDGE-MOVE|edge-move-team|Data|data-analyst|data-platform",
            "EDGE-MOVE|edge-move-dept|Finance|data-analyst|data-platform",
            "EDGE-R|edge-r-hire-1|Engineering|software-engineer|eng-a",
            "EDGE-R|edge-r-hire-2|Operations|ops-analyst|∅",
            "EDGE-R|edge-r-move|Operations|ops-lead|∅",
        ], await AnalyticsTables.RowsAsync(cs, "select person_id, event_id, department, role, team from analytics.person_assignment " +
            "where org_id = 'default' and person_id in ('EDGE-MOVE', 'EDGE-R') order by person_id, sequence"));
        // The second definitions replace the first: name, programme, modality, hours, provider, skills and goals.
        Assert.Equal(["edge-course|Edge course v2|∅|blended|8|edge-course-def-2|Edge academy"],
            await AnalyticsTables.RowsAsync(cs, "select course_id, name, program_id, modality, hours, event_id, provider from analytics.course where org_id = 'default' and course_id = 'edge-course'"));
        Assert.Equal(["edge-power|3"], await AnalyticsTables.RowsAsync(cs, "select skill, target_level from analytics.course_skill where org_id = 'default' and course_id = 'edge-course'"));
        Assert.Equal(["edge-goal"], await AnalyticsTables.RowsAsync(cs, "select goal_id from analytics.program_goal where org_id = 'default' and program_id = 'edge-programme'"));
        Assert.Equal(["power"], await AnalyticsTables.RowsAsync(cs, "select category from analytics.skill where org_id = 'default' and skill = 'edge-power'"));
        // program_cost.reference (v1.2), declared in ProgramCost.cs alone: given in one organisation, left out in the other.
        Assert.Equal(["default|PO-2025-0042", "edge-other-org|∅"], await AnalyticsTables.RowsAsync(cs,
            "select org_id, reference from analytics.program_cost where event_id = 'edge-cost-1' order by org_id"));
        // Both goal revisions and all three targets are kept; the retirement is a row of its own.
        Assert.Equal([
            "edge-goal-1|Edge goal|2026-12-31|0|edge-skill|4|2|organisation|∅",
            "edge-goal-1|Edge goal|2026-12-31|1|edge-power|3|1|role|data-analyst",
            "edge-goal-2|Edge goal revised|2027-06-30|0|edge-skill|5|1|department|Data",
        ], await AnalyticsTables.RowsAsync(cs, "select g.event_id, g.name, g.due_date::text, t.target_no, t.skill, t.level, t.headcount, t.scope_kind, t.scope_value " +
            "from analytics.strategic_goal g join analytics.strategic_target t using (org_id, event_id) where g.org_id = 'default' and g.goal_id = 'edge-goal' order by g.sequence, t.target_no"));
        Assert.Equal(["edge-goal|merged into another goal"],
            await AnalyticsTables.RowsAsync(cs, "select goal_id, reason from analytics.strategic_goal_retirement where org_id = 'default'"));
    }

    private Task CaughtUpAsync() => app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));

    private Task<long> AnalyticsPositionAsync() =>
        AnalyticsTables.ScalarAsync(app.ConnectionString, $"select last_seq_id from ledger.mt_event_progression where name = '{AnalyticsProjection.ShardIdentity}'");

    private Task<long> LastSequenceAsync() => AnalyticsTables.ScalarAsync(app.ConnectionString, "select max(seq_id) from ledger.mt_events");

    [Fact]
    public async Task Live_daemon_Marten_rebuild_and_SQL_rebuild_give_identical_tables()
    {
        var live = await AnalyticsTables.DumpAsync(app.ConnectionString);
        Assert.True(await AnalyticsPositionAsync() >= await LastSequenceAsync());
        await EdgeCases.AssertOutcomesAsync(app.ConnectionString);

        // (b) Marten's own rebuild, through the running service's daemon; derived rows are deleted first so only a
        // real replay can bring them back.
        await ScrambleAsync();
        var daemon = app.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync(AnalyticsProjection.ProjectionName, TimeSpan.FromMinutes(3), CancellationToken.None);
        await CaughtUpAsync();
        AnalyticsTables.AssertIdentical(live, await AnalyticsTables.DumpAsync(app.ConnectionString), "Marten daemon rebuild vs live daemon");

        // (c) the set-based rebuild (forced: the service is connected), which also moves the daemon to its cut.
        await ScrambleAsync();
        var result = await AnalyticsFullRebuild.RunAsync(app.ConnectionString, force: true, _ => { });
        AnalyticsTables.AssertIdentical(live, await AnalyticsTables.DumpAsync(app.ConnectionString), "SQL rebuild vs live daemon");
        Assert.True(result.CutSequence >= await LastSequenceAsync());
        Assert.Equal(result.CutSequence, await AnalyticsPositionAsync());
        // One step may fill several tables ("person_skill_level, skill_growth"): each table is named by some step.
        Assert.All(AnalyticsSchema.Tables, table => Assert.Contains(result.Tables, t => t.Table.Split(", ").Contains(table)));
        Assert.True(result.Events > 0 && result.Tables.Single(t => t.Table == "skill_assessment").Rows > 0);
        // The rebuild adds up its events from the rows it wrote rather than counting the log: the same number.
        Assert.Equal(await AnalyticsTables.ScalarAsync(app.ConnectionString,
            $"select count(*) from ledger.mt_events where seq_id <= {result.CutSequence} and is_archived = false and type <> 'tombstone'"), result.Events);
    }

    [Fact]
    public async Task After_a_SQL_rebuild_the_live_daemon_carries_on_from_the_cut_without_skipping_or_repeating()
    {
        var result = await AnalyticsFullRebuild.RunAsync(app.ConnectionString, force: true, _ => { });
        foreach (var (org, batch) in EdgeCases.AfterRebuild(Guid.NewGuid().ToString("N")[..8])) await AppendAsync(org, batch);
        await CaughtUpAsync();
        var position = await AnalyticsPositionAsync();
        Assert.True(position > result.CutSequence, $"the daemon did not move past the cut {result.CutSequence} (at {position})");
        var live = await AnalyticsTables.DumpAsync(app.ConnectionString);

        var again = await AnalyticsFullRebuild.RunAsync(app.ConnectionString, force: true, _ => { });
        Assert.Equal(position, again.CutSequence);
        Assert.True(again.Events > result.Events);
        AnalyticsTables.AssertIdentical(live, await AnalyticsTables.DumpAsync(app.ConnectionString),
            "live daemon after a SQL rebuild vs a second SQL rebuild");
    }

    [Fact]
    public async Task The_rebuild_command_refuses_while_the_service_is_connected()
    {
        var before = await AnalyticsTables.ScalarAsync(app.ConnectionString,
            $"select extract(epoch from last_updated)::bigint from ledger.mt_event_progression where name = '{AnalyticsProjection.ShardIdentity}'");
        var exit = await RebuildCommand.RunAsync(new CliArgs(["analytics", "--db", app.ConnectionString, "--no-progress"]), CancellationToken.None);
        Assert.Equal(1, exit);
        await Assert.ThrowsAsync<RebuildRefusedException>(() => AnalyticsFullRebuild.RunAsync(app.ConnectionString, force: false, _ => { }));
        Assert.Equal(before, await AnalyticsTables.ScalarAsync(app.ConnectionString,
            $"select extract(epoch from last_updated)::bigint from ledger.mt_event_progression where name = '{AnalyticsProjection.ShardIdentity}'"));
    }

    [Fact]
    public async Task The_cut_waits_for_an_append_that_already_holds_a_sequence_number()
    {
        // An append in Rich mode reserves its sequence numbers inside its transaction; until it ends, a cut above
        // them could let the daemon skip its events. Here a transaction holds one number and stays open.
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var reserve = new NpgsqlCommand("select nextval('ledger.mt_events_sequence')", conn, tx))
            _ = (long)(await reserve.ExecuteScalarAsync())!;

        var rebuild = AnalyticsFullRebuild.RunAsync(app.ConnectionString, force: true, _ => { });
        // Wait until the rebuild is in its wait for older transactions (its session runs that query), not for a while.
        await AnalyticsTables.WaitUntilAsync(async () => rebuild.IsCompleted || await AnalyticsTables.ScalarAsync(app.ConnectionString,
            "select count(*) from pg_stat_activity where pid <> pg_backend_pid() and query like '%from pg_stat_activity%xact_start < $1%'") > 0,
            "the rebuild to wait for older transactions");
        Assert.False(rebuild.IsCompleted, "the rebuild chose its cut while an older transaction held a sequence number");
        await tx.RollbackAsync();
        var result = await rebuild;
        Assert.True(result.CutSequence >= await LastSequenceAsync());

        var timeout = await Assert.ThrowsAsync<RebuildRefusedException>(async () =>
        {
            await using var open = await conn.BeginTransactionAsync();
            await using (var reserve = new NpgsqlCommand("select nextval('ledger.mt_events_sequence')", conn, open))
                await reserve.ExecuteScalarAsync();
            await AnalyticsFullRebuild.RunAsync(app.ConnectionString, force: true, _ => { }, TimeSpan.FromMilliseconds(300));
        });
        Assert.Contains("transaction older than the rebuild", timeout.Message);
    }

    /// <summary>Deletes derived rows and flips included flags, so a rebuild that did nothing would be caught.</summary>
    private async Task ScrambleAsync()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            delete from analytics.person_skill_level; delete from analytics.skill_growth where assessments > 2;
            update analytics.skill_assessment set included = not included where sequence % 3 = 0;
            delete from analytics.person where person_id like 'EDGE-%'; delete from analytics.role_requirement;
            """, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
