using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SkillsLedger.Hosting;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Access;

/// <summary>
/// The two things that used to cost every person-level read a database round trip: validating the API key (now
/// cached for <see cref="ApiKeys.CacheFor"/>) and the access-log row (now written in batches). Neither may weaken
/// what they guard.
/// </summary>
// Own host (IClassFixture, not a SharedLedger collection): starts a second host on its database (a revocation made by another process).
public sealed class KeyCacheAndAccessLogTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
        public void Advance(TimeSpan by) => now += by;
    }

    private NpgsqlDataSource DataSource => app.Services.GetRequiredService<LedgerDatabase>().DataSource;

    [Fact]
    public async Task A_key_revoked_by_another_process_stops_working_within_the_cache_bound()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var service = new ApiKeys(DataSource, clock);
        var cli = new ApiKeys(DataSource, TimeProvider.System); // `skillsledger keys revoke` in another process
        var (info, key) = await cli.CreateAsync("default", Roles.Auditor, "revoked-elsewhere", CancellationToken.None);
        Assert.Equal(info.KeyId, (await service.ValidateAsync(key, CancellationToken.None))?.KeyId);

        Assert.True(await cli.RevokeAsync(info.KeyId, CancellationToken.None));
        clock.Advance(ApiKeys.CacheFor - TimeSpan.FromSeconds(1));
        Assert.NotNull(await service.ValidateAsync(key, CancellationToken.None)); // the documented window: still cached
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await service.ValidateAsync(key, CancellationToken.None));
        clock.Advance(ApiKeys.CacheFor * 3);
        Assert.Null(await service.ValidateAsync(key, CancellationToken.None)); // a revoked row stays refused when re-read
    }

    [Fact]
    public async Task A_cached_key_still_needs_its_secret_and_a_key_revoked_here_stops_at_once()
    {
        var keys = new ApiKeys(DataSource, TimeProvider.System);
        var (info, key) = await keys.CreateAsync("default", Roles.Analyst, "cached", CancellationToken.None);
        Assert.NotNull(await keys.ValidateAsync(key, CancellationToken.None));
        var forged = key[..^4] + (key.EndsWith("0000", StringComparison.Ordinal) ? "1111" : "0000");
        Assert.Null(await keys.ValidateAsync(forged, CancellationToken.None));
        Assert.NotNull(await keys.ValidateAsync(key, CancellationToken.None));
        Assert.True(await keys.RevokeAsync(info.KeyId, CancellationToken.None));
        Assert.Null(await keys.ValidateAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Access_log_rows_reach_the_table_without_anyone_asking_for_them()
    {
        await app.PostEventsAsync(Events.SkillDefined("batch-skill"), Events.Hired("BATCH1"), Events.Assessed("BATCH1", "batch-skill", 3));
        using var analyst = await app.ClientForAsync("default", Roles.Analyst);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/people/BATCH1/skills")).StatusCode);
        // Written by the background flush (every 200 ms), not by a reader of the log: poll the table itself.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long rows;
        while ((rows = await CountAsync("BATCH1")) < 5 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(5, rows);
    }

    [Fact]
    public async Task Stopping_the_service_writes_every_queued_access_log_row()
    {
        await app.PostEventsAsync(Events.SkillDefined("stop-skill"), Events.Hired("STOP1"), Events.Assessed("STOP1", "stop-skill", 2));
        // A second service on the same database, stopped right after the reads: nothing may be lost on a graceful stop.
        await using var other = LedgerHost.Build(app.ConnectionString, "http://127.0.0.1:0");
        await other.StartAsync();
        var (_, key) = await other.Services.GetRequiredService<ApiKeys>().CreateAsync("default", Roles.Analyst, "stop-reader", CancellationToken.None);
        using (var client = new HttpClient { BaseAddress = new Uri(other.Urls.First()) })
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
            for (var i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/people/STOP1/skills/stop-skill")).StatusCode);
        }
        await other.StopAsync();
        Assert.Equal(20, await CountAsync("STOP1"));
    }

    [Fact]
    public async Task The_access_log_endpoint_sees_a_read_made_just_before_it()
    {
        await app.PostEventsAsync(Events.SkillDefined("now-skill"), Events.Hired("NOW1"), Events.Assessed("NOW1", "now-skill", 4));
        using var auditor = await app.ClientForAsync("default", Roles.Auditor);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/people/NOW1/skills/now-skill/lineage")).StatusCode);
        var log = await (await auditor.GetAsync("/api/audit/access?personId=NOW1")).Content.ReadFromJsonAsync<JsonElement>();
        var entry = Assert.Single(log.GetProperty("entries").EnumerateArray());
        Assert.Equal("/api/people/{personId}/skills/{skill}/lineage", entry.GetProperty("route").GetString());
        Assert.Equal("/api/people/NOW1/skills/now-skill/lineage", entry.GetProperty("path").GetString());
        Assert.Equal(200, entry.GetProperty("status").GetInt32());
    }

    private async Task<long> CountAsync(string personId)
    {
        await using var cmd = DataSource.CreateCommand($"select count(*) from {LedgerStoreConfiguration.Schema}.{LedgerTables.AccessLog} where person_id = $1");
        cmd.Parameters.AddWithValue(personId);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
