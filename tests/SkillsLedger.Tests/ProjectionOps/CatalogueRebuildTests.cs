using Marten;
using Npgsql;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;
using SkillsLedger.ProjectionOps;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.ProjectionOps;

/// <summary>
/// The catalogue projections are rebuilt from their own streams instead of Marten's replay of the whole log: the
/// documents must be exactly those Marten's own rebuild (and the inline projection at append time) writes.
/// </summary>
public sealed class CatalogueRebuildTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private string _cs = "";
    private DocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        _cs = await TestCluster.CreateDatabaseAsync(nameof(CatalogueRebuildTests));
        _store = await LedgerStoreFactory.CreateAsync(_cs);
        await DemoLedger.LoadAsync(_store, _cs, new DemoOptions(People: 15, Seed: 3, Years: 1, AsOf: new DateOnly(2026, 6, 30)), "catalogue");
        // A second organisation with a skill defined twice (the later definition wins) and a role profile.
        await using var database = new LedgerDatabase(_cs);
        var appender = new LedgerAppender(_store, database, TimeProvider.System);
        var context = new AppendContext("acme", "test", "catalogue-rebuild");
        Assert.IsType<AppendOutcome.Appended>(await appender.AppendAsync([
            new SkillDefined("welding", "Welding", 1, 5, null, At, "acme-1"),
            new SkillDefined("welding", "Welding (certified)", 0, 4, ["none", "basic", "good", "expert", "master"], At.AddDays(1), "acme-2"),
            new RoleProfileDefined("welder", [new SkillRequirement("welding", 3)], At.AddDays(2), "acme-3"),
        ], context));
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("SkillDefinition", "mt_doc_skilldefinition")]
    [InlineData("SkillCatalogueState", "mt_doc_skillcataloguestate")]
    [InlineData("RoleProfile", "mt_doc_roleprofile")]
    public async Task Rebuilding_from_the_catalogue_streams_gives_the_documents_of_Marten_s_own_rebuild(string projection, string table)
    {
        var inline = await DumpAsync(table);
        Assert.Contains(inline, row => row.StartsWith("acme|", StringComparison.Ordinal));
        Assert.Contains(inline, row => row.StartsWith("default|", StringComparison.Ordinal));
        if (projection == "SkillDefinition") Assert.Contains(inline, row => row.Contains("Welding (certified)", StringComparison.Ordinal));

        using (var daemon = await _store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(2), CancellationToken.None);
        var marten = await DumpAsync(table);
        Assert.Equal(inline, marten);

        // Scrambled first, so a rebuild that wrote nothing (or left a stray document) would show.
        await ExecuteAsync($"delete from ledger.{table} where id = (select min(id) from ledger.{table}); " +
                           $"insert into ledger.{table} (tenant_id, id, data, mt_dotnet_type, mt_version) values ('acme', 'stray', '{{}}', 'x', 7)");
        Assert.NotEqual(marten, await DumpAsync(table));
        var written = await CatalogueRebuild.Projections[projection](_store, _cs, CancellationToken.None);
        Assert.Equal(marten.Count, written);
        Assert.Equal(marten, await DumpAsync(table));
    }

    [Fact]
    public async Task Rebuilding_the_skill_definitions_gives_readers_of_the_scales_a_new_stamp()
    {
        // Readers keep the scales in memory while the stamp is unchanged (SkillLevels.SkillScaleCatalogue): rewritten
        // definitions, even identical ones, must move it, or a reader could keep scales the rebuild corrected.
        var before = await StampsAsync();
        Assert.Equal(["acme", "default"], before.Keys.Order());
        await CatalogueRebuild.Projections["SkillDefinition"](_store, _cs, CancellationToken.None);
        var after = await StampsAsync();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, b => Assert.NotEqual(b.Value, after[b.Key]));
        // acme defined "welding" twice: two skill_defined, as the inline projection counted them.
        Assert.Contains("\"definitions\": 2", (await DumpAsync("mt_doc_skillcataloguestate")).Single(r => r.StartsWith("acme|", StringComparison.Ordinal)));
    }

    private async Task<Dictionary<string, long>> StampsAsync()
    {
        await using var conn = new NpgsqlConnection(_cs);
        await conn.OpenAsync();
        var stamps = new Dictionary<string, long>();
        foreach (var tenant in new[] { "acme", "default" })
        {
            await using var cmd = new NpgsqlCommand(SkillsLedger.Projections.EventStore.PersonStreamReads.CatalogueStamp, conn);
            cmd.Parameters.AddWithValue(tenant);
            stamps[tenant] = (long)(await cmd.ExecuteScalarAsync())!;
            Assert.NotEqual(0, stamps[tenant]);
        }
        return stamps;
    }

    [Fact]
    public async Task The_rebuild_command_rebuilds_the_catalogue_without_Marten_s_console_warning()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(null, "rebuild", "SkillDefinition", "--db", _cs, "--no-progress");
        Assert.True(exit == 0, stderr);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^rebuilt SkillDefinition: \d+ documents from their own streams in [\d.]+ s$", line.Trim());
    }

    /// <summary>
    /// Every column Marten writes except the write time, one line a document, in key order. Not the version of the
    /// catalogue's state: Marten itself writes 1 there inline and the last event's sequence when it rebuilds a
    /// multi-stream document, and nothing reads it.
    /// </summary>
    private async Task<List<string>> DumpAsync(string table)
    {
        await using var conn = new NpgsqlConnection(_cs);
        await conn.OpenAsync();
        var version = table == "mt_doc_skillcataloguestate" ? "''" : "mt_version";
        await using var cmd = new NpgsqlCommand(
            $"select tenant_id || '|' || id || '|' || data::text || '|' || coalesce(mt_dotnet_type, '') || '|' || {version} from ledger.{table} order by tenant_id, id", conn);
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows.Add(r.GetString(0));
        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(_cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
