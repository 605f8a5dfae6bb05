using Npgsql;
using SkillsLedger.Hosting;
using SkillsLedger.Infrastructure;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Infrastructure;

/// <summary>`serve` applies schema changes only when the schema's definition changed since it was last applied (SchemaAtStartup).</summary>
// Own host (IClassFixture, not a SharedLedger collection): drops tables and rewrites the schema stamps, then starts further hosts on its database.
public sealed class SchemaAtStartupTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task A_restart_on_an_unchanged_schema_applies_nothing_and_a_missing_stamp_applies_again()
    {
        var before = await StampsAsync();
        Assert.Equal(["schema"], before.Keys);

        await RestartAsync();
        Assert.Equal(before, await StampsAsync()); // same stamp, same applied_at: nothing was re-applied

        // Forget the stamp and drop a table by hand: the next start applies the whole schema again.
        await ExecuteAsync("delete from ledger.ledger_schema_stamps; drop table analytics.skill_growth cascade");
        await RestartAsync();
        var after = await StampsAsync();
        Assert.Equal(before["schema"].Stamp, after["schema"].Stamp);
        Assert.True(after["schema"].AppliedAt > before["schema"].AppliedAt);
        await ExecuteAsync("select count(*) from analytics.skill_growth");
    }

    [Fact]
    public async Task The_rows_an_older_version_kept_per_part_give_way_to_one_stamp()
    {
        await ExecuteAsync("insert into ledger.ledger_schema_stamps (part, stamp) values ('marten', 'sha256:old'), ('analytics', 'sha256:old')");
        await ExecuteAsync("update ledger.ledger_schema_stamps set stamp = 'sha256:old' where part = 'schema'");
        await RestartAsync();
        Assert.Equal(["schema"], (await StampsAsync()).Keys);
    }

    [Fact]
    public void Marten_s_database_can_be_told_the_schema_is_checked()
    {
        // SchemaAtStartup marks Marten's features as checked when the stamp matches; if Marten's database stopped being
        // a Weasel DatabaseBase, that would silently stop and every process would compare the schema again.
        Assert.IsAssignableFrom<Weasel.Core.Migrations.DatabaseBase<NpgsqlConnection>>(((Marten.DocumentStore)app.Store).Storage.Database);
    }

    private async Task RestartAsync()
    {
        await using var other = LedgerHost.Build(app.ConnectionString, "http://127.0.0.1:0");
        await other.StartAsync();
        await other.StopAsync();
    }

    private async Task<Dictionary<string, (string Stamp, DateTime AppliedAt)>> StampsAsync()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select part, stamp, applied_at from ledger.ledger_schema_stamps", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        var stamps = new Dictionary<string, (string, DateTime)>();
        while (await r.ReadAsync()) stamps[r.GetString(0)] = (r.GetString(1), r.GetDateTime(2));
        return stamps;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
