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
/// The real service on a real Kestrel port over its own database. Either one per test class (IClassFixture: the
/// class may change the host, its database or global state), or one per shared collection (SharedLedger), where each
/// class works in its own organisation through <see cref="For"/>, so classes never see each other's events.
/// </summary>
public sealed class LedgerApp : IAsyncLifetime
{
    private WebApplication? _app;
    private readonly LedgerApp? _host; // set on an organisation's view of a shared host
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LedgerApp> _views = new(StringComparer.Ordinal);

    public LedgerApp() { }

    private LedgerApp(LedgerApp host, string organisation)
    {
        _host = host;
        Organisation = organisation;
        ConnectionString = host.ConnectionString;
        // The admin key is made on the first request (a constructor cannot wait for it).
        var key = new Lazy<Task<string>>(async () => (await host.Keys.CreateAsync(organisation, SkillsLedger.Access.Roles.Admin, null, CancellationToken.None)).Key);
        Client = new HttpClient(new BearerFromTask(key)) { BaseAddress = host.Client.BaseAddress };
    }

    /// <summary>The organisation (tenant) this fixture's default client and helpers write to and count in.</summary>
    public string Organisation { get; } = LedgerStoreConfiguration.DefaultOrganisation;
    public string ConnectionString { get; private set; } = "";
    public HttpClient Client { get; private set; } = null!;
    private WebApplication App => _host?.App ?? _app!;
    public IDocumentStore Store => App.Services.GetRequiredService<IDocumentStore>();
    public IServiceProvider Services => App.Services;
    private SkillsLedger.Access.ApiKeys Keys => Services.GetRequiredService<SkillsLedger.Access.ApiKeys>();

    public async Task InitializeAsync()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        ConnectionString = await TestCluster.CreateDatabaseAsync(GetType().Name);
        _app = LedgerHost.Build(ConnectionString, "http://127.0.0.1:0");
        await _app.StartAsync();
        // For counting and timing host starts over a run (docs/performance.md, "Test suite").
        if (Environment.GetEnvironmentVariable("SKILLSLEDGER_TEST_HOST_LOG") is { Length: > 0 } log)
            await File.AppendAllTextAsync(log, $"{DateTime.UtcNow:HH:mm:ss}\t{System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F2}\n");
        // Authentication is on, as in production: the default client carries an admin key of its organisation (the default one).
        Client = await ClientForAsync(Organisation, SkillsLedger.Access.Roles.Admin);
    }

    /// <summary>
    /// This host seen from one organisation: its client holds an admin key of that organisation, and its row counts and
    /// demo load stay inside it. One view per organisation; a test class of a shared collection names its own.
    /// </summary>
    public LedgerApp For(string organisation) => _views.GetOrAdd(organisation, o => new LedgerApp(_host ?? this, o));

    /// <summary>An HTTP client holding a new key of the given organisation and role (or none at all).</summary>
    public async Task<HttpClient> ClientForAsync(string? organisation, string? role, string? personId = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(App.Urls.First()) };
        if (organisation is null || role is null) return client;
        var (_, key) = await Keys.CreateAsync(organisation, role, null, CancellationToken.None, personId);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var view in _views.Values) view.Client.Dispose();
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed class BearerFromTask(Lazy<Task<string>> key) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            request.Headers.Authorization ??= new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await key.Value);
            return await base.SendAsync(request, ct);
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

    /// <summary>
    /// The organisation's whole event feed (GET /api/events) read as a polling consumer does: page after page from
    /// nextAfter, which steps past other organisations' events, until it stops moving.
    /// </summary>
    public async Task<List<JsonElement>> FeedAsync(HttpClient? client = null)
    {
        var events = new List<JsonElement>();
        for (long after = 0; ;)
        {
            var response = await (client ?? Client).GetAsync($"/api/events?after={after}&limit=10000");
            Assert.True(response.IsSuccessStatusCode, $"GET /api/events → {(int)response.StatusCode}");
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            events.AddRange(page.GetProperty("events").EnumerateArray());
            var next = page.GetProperty("nextAfter").GetInt64();
            if (next <= after) return events;
            after = next;
        }
    }

    /// <summary>
    /// This organisation's rows in Marten's event table and our event-id table: proof that nothing (or exactly n) was
    /// written. Counted within the organisation, so a class sharing the host is not disturbed by the others.
    /// </summary>
    public async Task<(long Events, long EventIds, long Idempotency)> CountRowsAsync()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select (select count(*) from ledger.mt_events where type <> 'tombstone' and tenant_id = $1), (select count(*) from ledger.ledger_event_ids where tenant_id = $1), " +
            "(select count(*) from ledger.ledger_idempotency where tenant_id = $1)", conn);
        cmd.Parameters.AddWithValue(Organisation);
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
            var context = new SkillsLedger.Ingestion.AppendContext(Organisation, recordedBy, $"demo-s{options.Seed}");
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
