using Marten;
using Marten.Events;
using Npgsql;
using SkillsLedger.Cli;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;
using SkillsLedger.ProjectionOps;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Analytics;

/// <summary>
/// The full rebuild fills fresh tables and swaps them in at the end of its transaction: what belongs to the old
/// tables must carry over, readers must see the old tables until the commit, and a failure must change nothing.
/// </summary>
public sealed class RebuildSwapTests : IAsyncLifetime
{
    private string _cs = "";
    private DocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        _cs = await TestCluster.CreateDatabaseAsync(nameof(RebuildSwapTests));
        _store = await LedgerStoreFactory.CreateAsync(_cs);
        await DemoLedger.LoadAsync(_store, _cs, new DemoOptions(People: 40, Seed: 5, Years: 2, AsOf: new DateOnly(2026, 6, 30)), "swap");
        using var daemon = await _store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        await _store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
        await daemon.StopAllAsync();
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Grants_row_level_security_comments_indexes_and_views_survive_the_swap()
    {
        // A BI view of our own on top of the shipped one (views on views are recreated in order), with a comment.
        await ExecuteAsync("""
            create or replace view analytics.swap_test_team_gap with (security_invoker = on) as
              select org_id, team, sum(gap) as total_gap from analytics.team_skill_gap group by org_id, team;
            comment on view analytics.swap_test_team_gap is 'Total gap per team (test view).';
            comment on column analytics.swap_test_team_gap.total_gap is 'Sum of the members'' gaps.';
            alter table analytics.skill_assessment set (autovacuum_vacuum_scale_factor = 0.05);
            """);
        await BiRole.CreateAsync(_cs, "bi_swap_default", "a-long-enough-secret", CancellationToken.None, "default");
        var before = await CatalogAsync();
        Assert.Contains("policy bi_bi_swap_default", before); // db create-bi-role names its policies bi_<role>
        Assert.Contains("swap_test_team_gap", before);

        await AnalyticsFullRebuild.RunAsync(_cs, force: false, _ => { });

        var after = await CatalogAsync();
        Assert.True(before == after, AnalyticsTables.FirstDifference(before, after));
        // And they work: the BI role reads its organisation through the table and both views, and cannot write.
        var bi = new NpgsqlConnectionStringBuilder(_cs) { Username = "bi_swap_default", Password = "a-long-enough-secret", Pooling = false }.ConnectionString;
        await using var conn = new NpgsqlConnection(bi);
        await conn.OpenAsync();
        foreach (var relation in new[] { "person", "team_skill_gap", "swap_test_team_gap" })
        {
            await using var cmd = new NpgsqlCommand($"select count(*) from analytics.{relation}", conn);
            Assert.True((long)(await cmd.ExecuteScalarAsync())! > 0, relation);
        }
        await using var write = new NpgsqlCommand("delete from analytics.skill", conn);
        await Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync());
    }

    [Theory]
    [InlineData("  skill_growth:")] // failing while filling the fresh tables (main connection)
    [InlineData("  person:")] // failing on the second connection, early, while the main one is filling
    [InlineData("  performance_signal:")] // failing on the second connection before it commits its tables
    [InlineData("  (waited")] // failing after the second connection committed its tables
    [InlineData("swapped the rebuilt tables in")] // failing after the swap, before the commit
    public async Task A_rebuild_that_fails_midway_leaves_the_old_tables_and_the_projection_position_as_they_were(string failAt)
    {
        // Old tables that differ from what the rebuild writes, so a partial write would show.
        await ExecuteAsync("""
            delete from analytics.skill_growth where person_id in (select person_id from analytics.person order by person_id limit 10);
            delete from analytics.person_skill_level where person_id in (select person_id from analytics.person order by person_id desc limit 10);
            """);
        var before = await AnalyticsTables.DumpAsync(_cs);
        var catalogBefore = await CatalogAsync();
        var positionBefore = await ScalarAsync($"select last_seq_id from {LedgerStoreConfiguration.Schema}.mt_event_progression where name = '{AnalyticsProjection.ShardIdentity}'");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => AnalyticsFullRebuild.RunAsync(_cs, force: false, message =>
        {
            if (message.StartsWith(failAt, StringComparison.Ordinal)) throw new InvalidOperationException("injected failure");
        }));
        Assert.Equal("injected failure", failure.Message);

        var after = await AnalyticsTables.DumpAsync(_cs);
        Assert.True(before == after, AnalyticsTables.FirstDifference(before, after));
        Assert.Equal(catalogBefore, await CatalogAsync());
        Assert.Equal(positionBefore, await ScalarAsync($"select last_seq_id from {LedgerStoreConfiguration.Schema}.mt_event_progression where name = '{AnalyticsProjection.ShardIdentity}'"));
        // Neither the main staging schema nor the second connection's (committed on its own) is left behind.
        Assert.Equal(0L, await ScalarAsync($"select count(*) from pg_namespace where nspname like '{AnalyticsTableSwap.Staging}%'"));
    }

    [Fact]
    public async Task Readers_see_the_old_tables_until_the_rebuild_commits()
    {
        await ExecuteAsync("delete from analytics.skill_growth");
        var seenDuring = new List<long>();
        var result = await AnalyticsFullRebuild.RunAsync(_cs, force: false, message =>
        {
            // Once every table is filled and indexed, just before the swap.
            if (!message.StartsWith("  (waited", StringComparison.Ordinal)) return;
            // Synchronous on purpose: the rebuild waits while this reader queries. A reader that blocked on the
            // rebuild's locks would time out here instead of hanging the test.
            using var conn = new NpgsqlConnection(_cs);
            conn.Open();
            using var cmd = new NpgsqlCommand("""
                set statement_timeout = '5s';
                select count(*) from analytics.skill_growth;
                select count(*) from analytics.skill_assessment;
                select count(*) from analytics.team_skill_gap;
                """, conn);
            using var reader = cmd.ExecuteReader();
            do
            {
                while (reader.Read()) seenDuring.Add(reader.GetInt64(0));
            } while (reader.NextResult());
        });

        Assert.Equal(3, seenDuring.Count);
        Assert.Equal(0L, seenDuring[0]); // the old, emptied table, not the one being filled
        Assert.True(seenDuring[1] > 0 && seenDuring[2] > 0);
        Assert.True(await ScalarAsync("select count(*) from analytics.skill_growth") > 0);
        Assert.True(result.Events > 0);
    }

    /// <summary>
    /// What is attached to every relation in schema analytics, as sorted text: grants, owner, row-level security
    /// and policies, comments (relation and columns), storage options, indexes, constraints and view definitions.
    /// </summary>
    private async Task<string> CatalogAsync()
    {
        await using var conn = new NpgsqlConnection(_cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            with r as (select c.* from pg_class c where c.relnamespace = 'analytics'::regnamespace and c.relkind in ('r', 'v'))
            select r.relname || ' ' || r.relkind::text || ' owner ' || pg_get_userbyid(r.relowner) || ' rls ' || r.relrowsecurity || '/' || r.relforcerowsecurity
                   || ' options ' || coalesce(array_to_string(r.reloptions, ','), '-') || ' comment ' || coalesce(obj_description(r.oid, 'pg_class'), '-') from r
            union all
            select r.relname || ' grant ' || pg_get_userbyid(a.grantee) || ' ' || a.privilege_type || ' by ' || pg_get_userbyid(a.grantor) || ' ' || a.is_grantable
              from r, aclexplode(r.relacl) a
            union all
            select r.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' notnull ' || a.attnotnull || ' default ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-')
                   || ' comment ' || coalesce(col_description(r.oid, a.attnum), '-')
              from r join pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
              left join pg_attrdef d on d.adrelid = r.oid and d.adnum = a.attnum
            union all
            select r.relname || ' policy ' || p.polname || ' ' || p.polcmd::text || ' ' || p.polpermissive || ' to ' || array_to_string(array(select pg_get_userbyid(x) from unnest(p.polroles) x order by 1), ',')
                   || ' using ' || coalesce(pg_get_expr(p.polqual, p.polrelid), '-') || ' check ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-')
              from r join pg_policy p on p.polrelid = r.oid
            union all
            select r.relname || ' index ' || pg_get_indexdef(i.indexrelid) from r join pg_index i on i.indrelid = r.oid
            union all
            select r.relname || ' constraint ' || k.conname || ' ' || pg_get_constraintdef(k.oid) from r join pg_constraint k on k.conrelid = r.oid
            union all
            select r.relname || ' view ' || pg_get_viewdef(r.oid) from r where r.relkind = 'v'
            order by 1
            """, conn);
        var lines = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(_cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(_cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }
}
