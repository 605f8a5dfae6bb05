using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SkillsLedger.Access;
using SkillsLedger.Hosting;
using SkillsLedger.Infrastructure;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Access;

/// <summary>
/// The other ways in besides Bearer: HTTP Basic with the key id and secret (for clients that speak only Basic, such
/// as xAPI learning record providers), and `serve --no-auth`, where every caller is an admin of the default organisation.
/// </summary>
[Collection(SharedLedger.Service)]
public sealed class SignInTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("access-sign-in");

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    [Fact]
    public async Task A_key_sent_as_basic_key_id_and_secret_signs_in_with_its_role()
    {
        var keys = (ApiKeys)app.Services.GetService(typeof(ApiKeys))!;
        var (info, key) = await keys.CreateAsync(app.Organisation, Roles.Auditor, "basic-client", CancellationToken.None);
        var secret = key.Split('_')[2];
        using var client = await app.ClientForAsync(null, null);

        client.DefaultRequestHeaders.Authorization = Basic(info.KeyId, secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/audit/head")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/events", new { events = Array.Empty<object>() })).StatusCode);

        client.DefaultRequestHeaders.Authorization = Basic(info.KeyId, new string('0', 64));
        var refused = await client.GetAsync("/api/audit/head");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Basic", refused.Headers.WwwAuthenticate.ToString());

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "not base64!");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/audit/head")).StatusCode);
    }

    [Fact]
    public async Task Without_authentication_every_caller_is_an_admin_of_the_default_organisation()
    {
        // On a database of its own: an open service writes to the default organisation, which the shared host leaves alone.
        var database = await TestCluster.CreateDatabaseAsync(nameof(SignInTests));
        await using var open = LedgerHost.Build(database, "http://127.0.0.1:0", options: new LedgerServiceOptions { RequireAuthentication = false });
        await open.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(open.Urls.First()) };
        var head = await client.GetFromJsonAsync<JsonElement>("/api/audit/head");
        Assert.Equal("default", head.GetProperty("organisation").GetString());
        var appended = await client.PostAsJsonAsync("/api/events", new { events = new[] { Events.SkillDefined("no-auth-skill") } });
        Assert.Equal(HttpStatusCode.OK, appended.StatusCode);
        var feed = await client.GetFromJsonAsync<JsonElement>("/api/events?limit=10000");
        Assert.Contains(feed.GetProperty("events").EnumerateArray(), e => e.GetProperty("recordedBy").GetString() == "anonymous");
        await open.StopAsync();
    }
}
