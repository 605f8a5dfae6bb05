using System.Net;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkillsLedger.Access;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser over one small demo organisation (loaded once for every page's tests): sign-in and
/// sign-out, each page's figures equal the API's for the same asOf, English and Dutch, roles, forged forms, no console
/// errors or failed requests, and no serious or critical accessibility violations (axe-core). One part per page.
/// </summary>
public sealed partial class DashboardTests(LedgerApp app, BrowserFixture browser) : IClassFixture<LedgerApp>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly DemoOptions Demo = new(People: 120, Seed: 11, Years: 3, AsOf: new DateOnly(2026, 6, 30));
    private const string AsOf = "2026-06-30";

    public Task InitializeAsync() => app.LoadDemoOnceAsync(Demo, "test:dashboard", TimeSpan.FromSeconds(180));
    public Task DisposeAsync() => Task.CompletedTask;

    private LedgerApp App => app;

    private async Task<string> KeyAsync(string role) =>
        (await app.Services.GetRequiredService<ApiKeys>().CreateAsync("default", role, "dashboard-" + role, CancellationToken.None)).Key;

    /// <summary>A fresh browser context (own cookies) that records console errors and failed requests.</summary>
    private async Task<(IPage Page, List<string> Problems)> OpenAsync(string language = "en-GB")
    {
        Skip.If(browser.Browser is null, "Chromium is not installed (apt-get install chromium); .ci/run installs it");
        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.Client.BaseAddress!.ToString(), Locale = language, ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add($"console: {m.Text} at {m.Location}"); };
        page.RequestFailed += (_, r) => problems.Add("request failed: " + r.Url);
        page.Response += (_, r) => { if (r.Status >= 500) problems.Add($"{r.Status}: {r.Url}"); };
        return (page, problems);
    }

    private static async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync("/");
        Assert.EndsWith("/sign-in?return=%2F", page.Url);
        await page.FillAsync("#key", key);
        await page.ClickAsync("button[type=submit]");
    }

    private async Task<JsonElement> ApiAsync(string path) => await app.GetJsonAsync(path);
}
