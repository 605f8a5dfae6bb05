using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SkillsLedger.Hosting;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Tests.Support;

/// <summary>
/// The real service on a real Kestrel port over its own database: one per test class (IClassFixture), so
/// classes never see each other's events.
/// </summary>
public sealed class LedgerApp : IAsyncLifetime
{
    private WebApplication? _app;

    public string ConnectionString { get; private set; } = "";
    public HttpClient Client { get; private set; } = null!;
    public IDocumentStore Store => _app!.Services.GetRequiredService<IDocumentStore>();
    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync(GetType().Name);
        _app = LedgerHost.Build(ConnectionString, "http://127.0.0.1:0");
        await _app.StartAsync();
        // Authentication is on, as in production: the default client carries an admin key of the default organisation.
        Client = await ClientForAsync("default", SkillsLedger.Access.Roles.Admin);
    }

    /// <summary>An HTTP client holding a new key of the given organisation and role (or none at all).</summary>
    public async Task<HttpClient> ClientForAsync(string? organisation, string? role, string? personId = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(_app!.Urls.First()) };
        if (organisation is null || role is null) return client;
        var (_, key) = await _app.Services.GetRequiredService<SkillsLedger.Access.ApiKeys>().CreateAsync(organisation, role, null, CancellationToken.None, personId);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        configure?.Invoke(request);
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostEventsAsync(params object[] events) =>
        PostJsonAsync("/api/events", JsonSerializer.Serialize(new { events }));

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Rows in Marten's event table and our event-id table: proof that nothing (or exactly n) was written.</summary>
    public async Task<(long Events, long EventIds, long Idempotency)> CountRowsAsync()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select (select count(*) from ledger.mt_events where type <> 'tombstone'), (select count(*) from ledger.ledger_event_ids), (select count(*) from ledger.ledger_idempotency)", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private readonly SemaphoreSlim _demoLock = new(1, 1);
    private bool _demoLoaded;

    /// <summary>
    /// Loads a demo organisation through the product's write path once per fixture (later calls return at once)
    /// and waits until the async analytics projection has caught up.
    /// </summary>
    public async Task LoadDemoOnceAsync(SkillsLedger.Domain.Demo.DemoOptions options, string recordedBy, TimeSpan projectionTimeout)
    {
        await _demoLock.WaitAsync();
        try
        {
            if (_demoLoaded) return;
            await using var database = new LedgerDatabase(ConnectionString);
            var appender = new SkillsLedger.Ingestion.LedgerAppender(Store, database, TimeProvider.System);
            var context = new SkillsLedger.Ingestion.AppendContext(LedgerStoreConfiguration.DefaultOrganisation, recordedBy, $"demo-s{options.Seed}");
            long line = 0;
            var totals = await new SkillsLedger.Ingestion.BatchLoader(appender, context)
                .LoadAsync(SkillsLedger.Domain.Demo.DemoOrganisation.Generate(options).Select(e => (++line, e)), null, CancellationToken.None);
            Assert.True(totals.Appended > 0, "the demo organisation appended no events");
            await Marten.Events.TestingExtensions.WaitForNonStaleProjectionDataAsync(Store, projectionTimeout);
            _demoLoaded = true;
        }
        finally
        {
            _demoLock.Release();
        }
    }
}
