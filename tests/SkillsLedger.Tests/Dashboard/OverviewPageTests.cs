using System.Net;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkillsLedger.Access;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Dashboard;

/// <summary>The overview, sign-in, language and forms.</summary>
public sealed partial class DashboardTests
{
    [SkippableFact]
    public async Task An_analyst_signs_in_and_sees_the_apis_figures_in_english()
    {
        var (page, problems) = await OpenAsync();
        await SignInAsync(page, await KeyAsync(Roles.Analyst));
        await page.GotoAsync($"/?asOf={AsOf}");
        Assert.Equal("Overview", await page.InnerTextAsync("h1"));

        var readiness = (await ApiAsync($"/api/analytics/readiness?asOf={AsOf}")).GetProperty("overall");
        var share = readiness.GetProperty("share").GetDouble();
        Assert.Equal($"{share * 100:0.0} %", await page.InnerTextAsync("#readiness .figure"));
        Assert.Contains($"n = {readiness.GetProperty("people").GetInt32():#,0} people", await page.InnerTextAsync("#readiness"));

        var roi = (await ApiAsync($"/api/analytics/roi?asOf={AsOf}")).GetProperty("programmes").EnumerateArray().ToList();
        Assert.NotEmpty(roi);
        foreach (var p in roi)
        {
            var row = page.Locator("#roi tr", new PageLocatorOptions { HasText = p.GetProperty("programId").GetString() });
            var expected = p.GetProperty("expected").GetProperty("roiPercent");
            if (expected.ValueKind == JsonValueKind.Number)
                Assert.Contains(Percent(expected.GetDouble()), await row.InnerTextAsync());
        }
        Assert.DoesNotMatch(@"-\d", await page.InnerTextAsync("#roi")); // a negative ROI has a real minus sign, never a hyphen
        var goals = (await ApiAsync($"/api/strategy/goals?asOf={AsOf}")).GetProperty("goals").EnumerateArray().ToList();
        Assert.Equal(goals.Count, await page.Locator("#goals tbody tr").CountAsync());
        foreach (var g in (await ApiAsync("/api/analytics/growth?by=program")).GetProperty("groups").EnumerateArray().Where(g => !g.GetProperty("suppressed").GetBoolean()))
        {
            var mean = g.GetProperty("meanSlope").GetDouble();
            var shares = g.GetProperty("unit").GetString() != "levels per year";
            var text = (shares ? Math.Abs(mean * 100) : Math.Abs(mean)).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(text, await page.InnerTextAsync($"#growth td[data-group='{g.GetProperty("group").GetString()}']"));
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "overview-en.png"), FullPage = true });
        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes)"));
        Assert.Empty(problems);
    }

    [SkippableFact]
    public async Task Dutch_is_chosen_from_the_browser_switchable_and_remembered()
    {
        var (page, problems) = await OpenAsync("nl-NL");
        await SignInAsync(page, await KeyAsync(Roles.Admin));
        await page.GotoAsync($"/?asOf={AsOf}");
        Assert.Equal("Overzicht", await page.InnerTextAsync("h1"));
        Assert.Equal("nl-NL", await page.GetAttributeAsync("html", "lang"));
        var share = (await ApiAsync($"/api/analytics/readiness?asOf={AsOf}")).GetProperty("overall").GetProperty("share").GetDouble();
        Assert.Equal((share * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture).Replace('.', ',') + " %",
            await page.InnerTextAsync("#readiness .figure")); // Dutch decimal comma: 12,5 %
        Assert.Contains("Voldoen aan hun functieprofiel", await page.InnerTextAsync("#readiness"));
        // The picker is drawn in the browser's locale (it may read 06/30/2026): the chosen date, written out in Dutch, is beside it.
        Assert.Equal(AsOf, await page.InputValueAsync("#asOf"));
        Assert.Equal("Cijfers per 30 juni 2026", await page.InnerTextAsync("#asOf-shown"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "overview-nl.png"), FullPage = true });

        await page.ClickAsync("a.lang"); // switch to English: remembered over the browser's Dutch
        Assert.Equal("Overview", await page.InnerTextAsync("h1"));
        Assert.Contains("asOf=" + AsOf, page.Url); // back on the same page, same date
        Assert.Equal("Figures as of 30 June 2026", await page.InnerTextAsync("#asOf-shown"));
        await page.GotoAsync("/");
        Assert.Equal("Overview", await page.InnerTextAsync("h1"));
        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id));
        Assert.Empty(problems);
    }

    [SkippableFact]
    public async Task Bad_keys_and_machine_keys_cannot_sign_in_and_sign_out_ends_the_session()
    {
        var (page, _) = await OpenAsync();
        await SignInAsync(page, "slk_nothing_wrong");
        Assert.Contains("That key is not valid", await page.InnerTextAsync("[role=alert]"));
        await page.FillAsync("#key", await KeyAsync(Roles.Ingest));
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("cannot sign in", await page.InnerTextAsync("[role=alert]"));

        await page.FillAsync("#key", await KeyAsync(Roles.Analyst));
        await page.ClickAsync("button[type=submit]");
        Assert.Equal("Overview", await page.InnerTextAsync("h1"));
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "sl-session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal(-1, cookie.Expires); // a session cookie: gone when the browser closes (and 8 hours inside it)
        Assert.DoesNotContain("slk_", await page.ContentAsync()); // the key itself is nowhere in the page

        await page.ClickAsync("text=Sign out");
        Assert.EndsWith("/sign-in", page.Url);
        await page.GotoAsync("/");
        Assert.Contains("/sign-in", page.Url);
    }

    [SkippableFact]
    public async Task An_auditor_starts_on_the_audit_page_and_gets_a_403_page_that_shows_no_figure_on_organisation_pages()
    {
        var (page, _) = await OpenAsync();
        await SignInAsync(page, await KeyAsync(Roles.Auditor));
        Assert.Equal("Audit", await page.InnerTextAsync("h1"));
        Assert.EndsWith("/audit", page.Url);
        foreach (var path in new[] { "/skills-map", "/programmes", "/retention", "/strategy", "/teams/any" })
        {
            var response = await page.GotoAsync($"{path}?asOf={AsOf}");
            Assert.Equal("Not allowed", await page.InnerTextAsync("h1"));
            Assert.Equal(403, response!.Status);
            Assert.Equal(0, await page.Locator(".figure, table").CountAsync());
            Assert.DoesNotContain("%", await page.InnerTextAsync("main"));
        }
    }

    [Fact]
    public async Task A_form_without_its_anti_forgery_token_is_refused_and_the_api_still_answers_machines_with_401()
    {
        using var client = new HttpClient { BaseAddress = App.Client.BaseAddress };
        var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = await KeyAsync(Roles.Analyst) }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Form expired", await response.Content.ReadAsStringAsync());
        Assert.Null(response.Headers.Contains("Set-Cookie") ? response.Headers.GetValues("Set-Cookie").FirstOrDefault(c => c.StartsWith("sl-session")) : null);

        var api = await client.GetAsync("/api/analytics/readiness");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode); // no cookie, no key: 401 problem, not a redirect
        var page = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.Client.BaseAddress }.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/sign-in", page.Headers.Location!.OriginalString.Replace(App.Client.BaseAddress!.ToString().TrimEnd('/'), ""));
    }

    [Fact]
    public void Every_label_exists_in_both_languages()
    {
        var en = SkillsLedger.Dashboard.DashboardLanguage.English;
        var nl = SkillsLedger.Dashboard.DashboardLanguage.Dutch;
        Assert.Equal(en.Keys.Order(), nl.Keys.Order());
        Assert.Equal("12,5 %", nl.Percent(0.125));
        Assert.Equal("12.5 %", en.Percent(0.125));
        Assert.Equal("1.234", nl.Number(1234));
        Assert.Equal("5 december 2026", nl.Date(new DateOnly(2026, 12, 5)));
    }

    [Fact]
    public void Negative_figures_carry_a_real_minus_sign_and_nothing_that_rounds_to_zero_does()
    {
        var (en, nl) = (SkillsLedger.Dashboard.DashboardLanguage.English, SkillsLedger.Dashboard.DashboardLanguage.Dutch);
        Assert.Equal("−12.0 %", en.Percent(-0.12));
        Assert.Equal("−12,0 %", nl.Percent(-0.12));
        Assert.Equal("−1,234.50", en.Number(-1234.5, 2));
        Assert.Equal("−1.234,50", nl.Number(-1234.5, 2));
        Assert.Equal("−5.0–3.0 %", en.Interval(-0.05, 0.03));
        Assert.Equal("0.0 %", en.Percent(-0.0001));
        Assert.Equal("0,00", nl.Number(-0.001, 2));
        // What the shared components ask for: ROI in percent (−12 %: costs not recovered) and a whole count (a surplus).
        SkillsLedger.Presentation.IFigureFormat f = nl;
        Assert.Equal("−12,0 %", f.RoiPercent(-12));
        Assert.Equal("−3", f.Count(-3));
        Assert.Equal("−3", SkillsLedger.Reports.ReportFormat.English.Count(-3));
    }

    /// <summary>A percent (ROI: 100 = benefits twice the costs) as the dashboard writes it in English: one decimal, a real minus sign.</summary>
    internal static string Percent(double percent)
    {
        var digits = Math.Abs(percent).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        return (percent < 0 && digits.Any(c => c is >= '1' and <= '9') ? "−" : "") + digits + " %";
    }

    [Fact]
    public async Task An_expired_session_is_sent_back_to_sign_in_and_a_live_one_is_not()
    {
        // A session ticket signed with the server's own keys, as the sign-in issues it, but issued 9 hours ago: the
        // cookie handler must refuse it on its expiry (8 hours), not on its signature.
        var options = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(SkillsLedger.Dashboard.DashboardSignIn.Scheme);
        string Cookie(DateTimeOffset issued)
        {
            var principal = SkillsLedger.Web.LedgerClaims.Principal(SkillsLedger.Dashboard.DashboardSignIn.Scheme, "key:expiry", "default", Roles.Analyst);
            var properties = new Microsoft.AspNetCore.Authentication.AuthenticationProperties { IssuedUtc = issued, ExpiresUtc = issued + SkillsLedger.Dashboard.DashboardSignIn.SessionLength };
            return options.TicketDataFormat.Protect(new Microsoft.AspNetCore.Authentication.AuthenticationTicket(principal, properties, SkillsLedger.Dashboard.DashboardSignIn.Scheme));
        }
        async Task<HttpResponseMessage> GetWith(string cookie)
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = App.Client.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/skills-map");
            request.Headers.Add("Cookie", $"{SkillsLedger.Access.LedgerAuthentication.SessionCookie}={cookie}");
            return await client.SendAsync(request);
        }

        var expired = await GetWith(Cookie(DateTimeOffset.UtcNow.AddHours(-9)));
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.Contains("/sign-in", expired.Headers.Location!.OriginalString);
        var live = await GetWith(Cookie(DateTimeOffset.UtcNow.AddHours(-7)));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
