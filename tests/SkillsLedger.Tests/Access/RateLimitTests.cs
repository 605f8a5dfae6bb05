using System.Net;
using SkillsLedger.Hosting;
using SkillsLedger.Infrastructure;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Access;

/// <summary>A service with a deliberately tiny per-key budget (1 request/s, burst 3) on a database of its own.</summary>
// No fixture: the test starts the one host it needs, with its own rate-limit options.
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_key_over_its_budget_gets_429_with_retry_after_while_another_key_is_unaffected()
    {
        await using var limited = LedgerHost.Build(await TestCluster.CreateDatabaseAsync(nameof(RateLimitTests)), "http://127.0.0.1:0",
            options: new LedgerServiceOptions { RateLimitPerSecond = 1, RateLimitBurst = 3 });
        await limited.StartAsync();
        var keys = (SkillsLedger.Access.ApiKeys)limited.Services.GetService(typeof(SkillsLedger.Access.ApiKeys))!;
        HttpClient Client(string key) => new() { BaseAddress = new Uri(limited.Urls.First()), DefaultRequestHeaders = { Authorization = new("Bearer", key) } };
        using var busy = Client((await keys.CreateAsync("default", "auditor", "busy", CancellationToken.None)).Key);
        using var calm = Client((await keys.CreateAsync("default", "auditor", "calm", CancellationToken.None)).Key);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 8; i++)
        {
            var r = await busy.GetAsync("/api/audit/head");
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests) rejected ??= r;
        }
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.NotNull(rejected);
        Assert.True(int.Parse(rejected!.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await calm.GetAsync("/api/audit/head")).StatusCode);
        using var open = new HttpClient { BaseAddress = new Uri(limited.Urls.First()) };
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await open.GetAsync("/health/live")).StatusCode);
        await limited.StopAsync();
    }
}
