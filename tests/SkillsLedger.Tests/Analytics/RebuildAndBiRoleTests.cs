using Marten;
using Marten.Events;
using Npgsql;
using SkillsLedger.Cli;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Analytics;

/// <summary>
/// Its own database and its own daemon (no running service), so a rebuild cannot race a live node.
/// </summary>
public sealed class RebuildAndBiRoleTests : IAsyncLifetime
{
    private string _cs = "";
    private DocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        _cs = await TestCluster.CreateDatabaseAsync(nameof(RebuildAndBiRoleTests));
        _store = await LedgerStoreFactory.CreateAsync(_cs);
        await DemoLedger.LoadAsync(_store, _cs, new DemoOptions(People: 80, Seed: 11, Years: 2, AsOf: new DateOnly(2026, 6, 30)), "rebuild");
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    private async Task CatchUpAsync()
    {
        using var daemon = await _store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        await _store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
        await daemon.StopAllAsync();
    }

    /// <summary>Every analytics table as text, rows in sorted order: byte-comparable.</summary>
    private Task<string> DumpAsync() => AnalyticsTables.DumpAsync(_cs);

    [Fact]
    public async Task A_rebuild_over_the_same_events_produces_byte_identical_tables()
    {
        await CatchUpAsync();
        var before = await DumpAsync();

        // Scramble physical row order and delete derived rows: only a real replay can reproduce the tables.
        await using (var conn = new NpgsqlConnection(_cs))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("update analytics.skill_assessment set level = level where sequence % 2 = 0; delete from analytics.person_skill_level; delete from analytics.skill_growth where assessments > 3", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var exit = await RebuildCommand.RunAsync(new CliArgs(["analytics", "--db", _cs, "--no-progress"]), CancellationToken.None);
        Assert.Equal(0, exit);
        var after = await DumpAsync();
        Assert.Equal(before.Length, after.Length);
        Assert.True(before == after, "rebuilt analytics tables differ from the originals");
    }

    [Fact]
    public async Task The_bi_role_reads_analytics_and_nothing_else()
    {
        await CatchUpAsync();
        await BiRole.CreateAsync(_cs, "bi_reader_test", "a-long-enough-secret", CancellationToken.None);
        var bi = new NpgsqlConnectionStringBuilder(_cs) { Username = "bi_reader_test", Password = "a-long-enough-secret", Pooling = false }.ConnectionString;
        await using var conn = new NpgsqlConnection(bi);
        await conn.OpenAsync();

        await using (var ok = new NpgsqlCommand("select count(*) from analytics.person_skill_level", conn))
            Assert.True((long)(await ok.ExecuteScalarAsync())! > 0);
        await using (var view = new NpgsqlCommand("select count(*) from analytics.team_skill_gap", conn))
            Assert.True((long)(await view.ExecuteScalarAsync())! > 0);

        foreach (var forbidden in new[]
                 {
                     "select count(*) from ledger.mt_events",
                     "select count(*) from ledger.ledger_event_ids",
                     "insert into analytics.person (org_id, person_id, hired_at) values ('x', 'y', now())",
                     "update analytics.person_skill_level set level = 0",
                     "delete from analytics.skill",
                     "create table public.bi_scratch (x int)",
                     "create temp table bi_scratch (x int)",
                 })
        {
            await using var cmd = new NpgsqlCommand(forbidden, conn);
            var ex = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Contains(ex.SqlState, new[] { PostgresErrorCodes.InsufficientPrivilege, PostgresErrorCodes.ReadOnlySqlTransaction });
        }
    }

    [Fact]
    public async Task Every_analytics_table_view_and_column_is_commented_and_no_column_is_json()
    {
        await using var conn = new NpgsqlConnection(_cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select c.relname || coalesce('.' || a.attname, '') || ' (' || coalesce(format_type(a.atttypid, a.atttypmod), c.relkind::text) || ')'
              from pg_class c
              join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'analytics'
              left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
             where c.relkind in ('r', 'v')
               and (col_description(c.oid, coalesce(a.attnum, 0)) is null and a.attnum is not null
                    or obj_description(c.oid, 'pg_class') is null
                    or format_type(a.atttypid, a.atttypmod) in ('json', 'jsonb'))
            """, conn);
        var offenders = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) offenders.Add(reader.GetString(0));
        Assert.True(offenders.Count == 0, "uncommented or JSON: " + string.Join(", ", offenders));
    }

    [Fact]
    public async Task A_bi_role_for_one_organisation_sees_only_that_organisations_rows()
    {
        await using (var database = new LedgerDatabase(_cs))
        {
            var appender = new LedgerAppender(_store, database, TimeProvider.System);
            var outcome = await appender.AppendAsync(
                [new SkillsLedger.Domain.Events.PersonHired("OTHER-1", "Elsewhere", "r", null, null, DateTimeOffset.Parse("2025-01-01T00:00:00Z"))],
                new AppendContext("other-org", "test", "rls"));
            Assert.IsType<AppendOutcome.Appended>(outcome);
        }
        await CatchUpAsync();
        await BiRole.CreateAsync(_cs, "bi_other", "another-long-secret", CancellationToken.None, "other-org");
        await BiRole.CreateAsync(_cs, "bi_default_only", "a-third-long-secret", CancellationToken.None, "default");
        async Task<List<string>> OrgsSeenBy(string role, string password, string table)
        {
            var cs = new NpgsqlConnectionStringBuilder(_cs) { Username = role, Password = password, Pooling = false }.ConnectionString;
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"select distinct org_id from analytics.{table} order by 1", conn);
            var orgs = new List<string>();
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) orgs.Add(r.GetString(0));
            return orgs;
        }
        Assert.Equal(["other-org"], await OrgsSeenBy("bi_other", "another-long-secret", "person"));
        Assert.Equal(["default"], await OrgsSeenBy("bi_default_only", "a-third-long-secret", "person"));
        Assert.Empty(await OrgsSeenBy("bi_other", "another-long-secret", "team_skill_gap")); // the view cannot bypass RLS
        Assert.Equal(["default"], await OrgsSeenBy("bi_default_only", "a-third-long-secret", "team_skill_gap"));
        await BiRole.CreateAsync(_cs, "bi_everyone", "a-fourth-long-secret", CancellationToken.None);
        Assert.Equal(["default", "other-org"], await OrgsSeenBy("bi_everyone", "a-fourth-long-secret", "person"));
    }
}
