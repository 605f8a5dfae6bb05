using Npgsql;
using SkillsLedger.Hosting;
using SkillsLedger.Infrastructure;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Infrastructure;

/// <summary>`serve` applies schema changes only when the DDL changed since it was last applied (SchemaAtStartup).</summary>
public sealed class SchemaAtStartupTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task A_restart_on_an_unchanged_schema_applies_nothing_and_a_missing_stamp_applies_again()
    {
        var before = await StampsAsync();
        Assert.Equal(["analytics", "marten"], before.Keys.Order());

        await RestartAsync();
        Assert.Equal(before, await StampsAsync()); // same stamps, same applied_at: nothing was re-applied

        // Forget the analytics stamp and drop a table by hand: the next start applies the analytics DDL again.
        await ExecuteAsync("delete from ledger.ledger_schema_stamps where part = 'analytics'; drop table analytics.skill_growth cascade");
        await RestartAsync();
        var after = await StampsAsync();
        Assert.Equal(before["analytics"].Stamp, after["analytics"].Stamp);
        Assert.True(after["analytics"].AppliedAt > before["analytics"].AppliedAt);
        Assert.Equal(before["marten"], after["marten"]);
        await ExecuteAsync("select count(*) from analytics.skill_growth");
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
