using System.Net.Http.Json;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SkillsLedger.Hosting;
using SkillsLedger.Infrastructure;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Cluster;

/// <summary>
/// The default daemon mode is Marten's HotCold: two `serve` hosts on one database (a second one started by mistake, or
/// a rolling restart) must not both run the analytics projection, and when the one running it stops the other takes
/// it over. This failed with our stand-in DistributedLock package ("Multiplexing is current incompatible with
/// DbDataSource"); it passes with Patched.DistributedLock.Postgres 1.3.3 from the registry.
/// </summary>
public sealed class HotColdTests
{
    [Fact]
    public async Task Two_default_nodes_run_the_projection_once_and_the_second_takes_over_when_the_first_stops()
    {
        var cs = await TestCluster.CreateDatabaseAsync(nameof(HotColdTests));
        var first = await StartAsync(cs);
        var second = await StartAsync(cs);
        try
        {
            var client = await ClientAsync(first);
            await PostAsync(client, Events.SkillDefined("sql"), Events.Hired("H1"), Events.Assessed("H1", "sql", 3));
            await first.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(1, await AssessmentRowsAsync(cs));

            // Exactly one database session holds the projections' advisory lock: one node runs them, the other waits.
            Assert.Equal(1, await AdvisoryLockHoldersAsync(cs));

            // Stop whichever node holds it: stopping the first releases it if it was the leader; if the second was, stop
            // it and keep the first. Either way the survivor must catch up alone.
            var holderIsFirst = await HoldsLockAsync(first);
            var (stopped, survivor) = holderIsFirst ? (first, second) : (second, first);
            await stopped.StopAsync();
            await stopped.DisposeAsync();

            var survivorClient = await ClientAsync(survivor);
            await PostAsync(survivorClient, Events.Hired("H2"), Events.Assessed("H2", "sql", 4));
            await survivor.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(90));
            Assert.Equal(2, await AssessmentRowsAsync(cs));
            Assert.Equal(1, await AdvisoryLockHoldersAsync(cs));
            await survivor.StopAsync();
            await survivor.DisposeAsync();
        }
        catch
        {
            await TryStopAsync(first);
            await TryStopAsync(second);
            throw;
        }
    }

    private static async Task<WebApplication> StartAsync(string cs)
    {
        var app = LedgerHost.Build(cs, "http://127.0.0.1:0");
        await app.StartAsync();
        return app;
    }

    private static async Task TryStopAsync(WebApplication app)
    {
        try { await app.StopAsync(); await app.DisposeAsync(); } catch { /* already stopped */ }
    }

    private static async Task<HttpClient> ClientAsync(WebApplication app)
    {
        var (_, key) = await app.Services.GetRequiredService<SkillsLedger.Access.ApiKeys>()
            .CreateAsync(LedgerStoreConfiguration.DefaultOrganisation, SkillsLedger.Access.Roles.Admin, null, CancellationToken.None);
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task PostAsync(HttpClient client, params object[] events)
    {
        var response = await client.PostAsJsonAsync("/api/events", new { events });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<long> AssessmentRowsAsync(string cs) =>
        await ScalarAsync(cs, "select count(*) from analytics.skill_assessment");

    /// <summary>Sessions holding a granted advisory lock on this database once writes have settled: the daemon's leader lock.</summary>
    private static async Task<long> AdvisoryLockHoldersAsync(string cs) =>
        await ScalarAsync(cs, "select count(distinct pid) from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())");

    /// <summary>Whether this node's daemon runs the projection: HotCold starts the projection agents on the leader only.</summary>
    private static async Task<bool> HoldsLockAsync(WebApplication node)
    {
        var coordinator = node.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        var daemon = coordinator.DaemonForMainDatabase();
        return daemon.CurrentAgents().Any();
    }

    private static async Task<long> ScalarAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }
}
