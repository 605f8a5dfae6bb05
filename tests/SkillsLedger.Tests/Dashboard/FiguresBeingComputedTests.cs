using System.Net;
using System.Text.RegularExpressions;
using SkillsLedger.Access;
using SkillsLedger.Hosting;
using SkillsLedger.Infrastructure;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Dashboard;

/// <summary>
/// A page whose figures are not computed within its wait limit answers at once "being computed" (202, in the reader's
/// language, with a link to itself), and the full page once they are. Its own host: the limit is zero here, so no
/// figure can be ready in time on the first visit, whatever the machine's speed.
/// </summary>
public sealed partial class FiguresBeingComputedTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task A_page_answers_being_computed_at_once_and_the_page_once_its_figures_are_ready()
    {
        await using var host = LedgerHost.Build(app.ConnectionString, "http://127.0.0.1:0", options: new LedgerServiceOptions { PageFigureWait = TimeSpan.Zero });
        await host.StartAsync();
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Urls.First()) };
        var keys = (ApiKeys)host.Services.GetService(typeof(ApiKeys))!;
        var (_, key) = await keys.CreateAsync("default", Roles.Analyst, "computing-test", CancellationToken.None);
        var form = await client.GetStringAsync("/sign-in");
        var token = CsrfField().Match(form).Groups[1].Value;
        var signedIn = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key, ["__csrf"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var first = await client.GetAsync("/?asOf=2025-06-30");
        var html = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Contains("Figures being computed", html);
        Assert.Contains("for 30 June 2025 are being computed", html);
        Assert.Contains("href=\"/?asOf=2025-06-30\"", html);
        Assert.DoesNotContain("id=\"readiness\"", html);

        using var dutch = new HttpRequestMessage(HttpMethod.Get, "/?asOf=2024-03-31");
        dutch.Headers.AcceptLanguage.ParseAdd("nl-NL");
        var nl = await (await client.SendAsync(dutch)).Content.ReadAsStringAsync();
        Assert.Contains("Cijfers worden berekend", nl);
        Assert.Contains("voor 31 maart 2024 worden uit het grootboek berekend", nl);

        // The computations went on without the reader: asked again, the page itself (each figure, once computed, is
        // answered at once, so a few visits at most).
        HttpResponseMessage again;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        do again = await client.GetAsync("/?asOf=2025-06-30");
        while (again.StatusCode == HttpStatusCode.Accepted && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("id=\"readiness\"", await again.Content.ReadAsStringAsync());
        await host.StopAsync();
    }

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]*)\"")]
    private static partial Regex CsrfField();
}
