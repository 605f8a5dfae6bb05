using System.Net;
using System.Text.Json;
using Marten.Events;
using SkillsLedger.Charts.Tests;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;
using SkillsLedger.Reports;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Reports;

/// <summary>
/// The executive ROI report over a small demo organisation loaded through the product's write path: the CLI writes
/// the page, roi.json and eight chart files; the page is self-contained, starts with the headline and shows the same
/// figures as roi.json; the API serves the same page.
/// </summary>
public sealed class RoiReportTests(LedgerApp app) : IClassFixture<LedgerApp>, IAsyncLifetime
{
    private static readonly DemoOptions Demo = new(People: 300, Seed: 5, Years: 3, AsOf: new DateOnly(2026, 6, 30));
    private static readonly SemaphoreSlim CliLock = new(1, 1);
    private static readonly Dictionary<string, (string Dir, int Exit, string Stdout, string Stderr)> CliRuns = [];
    private static readonly string[] ChartNames = ["km-retention", "growth-by-programme", "roi", "gap-heatmap"];

    public Task InitializeAsync() => app.LoadDemoOnceAsync(Demo, "test:report", TimeSpan.FromSeconds(120));

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs `skillsledger report roi` once per database (the app's daemon keeps the projection current, so the CLI just reads).</summary>
    private async Task<(string Dir, int Exit, string Stdout, string Stderr)> CliReportAsync()
    {
        await CliLock.WaitAsync();
        try
        {
            if (CliRuns.TryGetValue(app.ConnectionString, out var run)) return run;
            var dir = Path.Combine(Path.GetTempPath(), "skillsledger-report-" + Guid.NewGuid().ToString("N")[..10]);
            var (exit, stdout, stderr) = await CliProcess.RunAsync(null, "report", "roi", "--as-of", "2026-06-30", "--out", dir, "--db", app.ConnectionString);
            run = (dir, exit, stdout, stderr);
            CliRuns[app.ConnectionString] = run;
            return run;
        }
        finally
        {
            CliLock.Release();
        }
    }

    private async Task<(string Html, JsonElement Json)> ReadReportAsync()
    {
        var (dir, exit, _, stderr) = await CliReportAsync();
        Assert.True(exit == 0, $"report roi exited {exit}: {stderr}");
        var html = await File.ReadAllTextAsync(Path.Combine(dir, "roi-report.html"));
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "roi.json"))).RootElement;
        return (html, json);
    }

    [Fact]
    public async Task The_cli_writes_the_page_the_json_and_eight_chart_files()
    {
        var (dir, exit, stdout, stderr) = await CliReportAsync();
        Assert.True(exit == 0, $"report roi exited {exit}: {stderr}");
        Assert.Contains(Path.Combine(dir, "roi-report.html"), stdout);
        Assert.True(File.Exists(Path.Combine(dir, "roi-report.html")));
        Assert.True(File.Exists(Path.Combine(dir, "roi.json")));
        foreach (var name in ChartNames)
        {
            var png = await File.ReadAllBytesAsync(Path.Combine(dir, name + ".png"));
            Assert.Equal((1600, 900), PngImage.ReadIhdrSize(png));
            var image = PngImage.Decode(png);
            Assert.True(image.DistinctColours() > 50, $"{name}.png has only {image.DistinctColours()} colours");
            Assert.True(image.NonBackgroundFraction() > 0.02, $"{name}.png is nearly blank");
            var svg = await File.ReadAllTextAsync(Path.Combine(dir, name + ".svg"));
            Assert.Contains("<svg", svg);
        }
        // Page in English and Dutch, json, the four charts, a fan chart for each of the demo's three goals and the
        // effectiveness forest plot, each as PNG + SVG in both languages.
        Assert.Equal(3 + 2 * 2 * (ChartNames.Length + 3 + 1), Directory.GetFiles(dir).Length);
        foreach (var name in ChartNames) Assert.True(File.Exists(Path.Combine(dir, name + ".nl.png")), name + ".nl.png");
    }

    [Fact]
    public async Task The_strategy_section_shows_each_goal_with_its_status_fan_and_the_share_of_spend_linked()
    {
        var (html, json) = await ReadReportAsync();
        var section = Section(html, "strategy");
        var goals = json.GetProperty("strategy").GetProperty("goals").EnumerateArray().ToList();
        Assert.Equal(3, goals.Count);
        foreach (var g in goals)
        {
            Assert.Contains(Enc(g.GetProperty("name").GetString()!), section);
            Assert.Contains($"id=\"fig-{ReportCharts.StrategyPrefix}{g.GetProperty("goalId").GetString()}\"", section);
        }
        Assert.Equal(["at risk", "off track", "on track"], goals.Select(g => g.GetProperty("status").GetString()).Order());
        var share = json.GetProperty("strategy").GetProperty("learning").GetProperty("linkedCostShare").GetDouble();
        Assert.Contains(Enc(ReportFormat.English.Share(share)), section);
        Assert.Contains("customer-excellence", section); // the programme linked to no goal, listed as unlinked spend
    }

    [Fact]
    public async Task Readiness_and_the_effectiveness_forest_plot_are_in_the_report_with_n_and_the_threats()
    {
        var (html, json) = await ReadReportAsync();
        var readiness = json.GetProperty("readiness").GetProperty("overall");
        Assert.Contains(Enc(ReportFormat.English.Share(readiness.GetProperty("share").GetDouble())), Section(html, "readiness"));
        Assert.Contains(Enc(ReportFormat.English.People(readiness.GetProperty("people").GetInt32())), Section(html, "readiness"));
        var section = Section(html, "effectiveness");
        Assert.Contains($"id=\"fig-{ReportCharts.Effectiveness}\"", section);
        Assert.Contains("selection", section);
        Assert.Contains(json.GetProperty("effectiveness").GetProperty("groups").EnumerateArray(), g => !g.GetProperty("suppressed").GetBoolean());
    }

    [Fact]
    public async Task The_page_is_self_contained_and_starts_with_the_headline()
    {
        var (html, _) = await ReadReportAsync();
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(4 + 3 + 1, CountOf(html, "<img src=\"data:image/png;base64,")); // four charts, the demo's three goals' fans, the forest plot

        var headline = html.IndexOf("<section id=\"headline\">", StringComparison.Ordinal);
        var firstChart = html.IndexOf("<img", StringComparison.Ordinal);
        Assert.True(headline > 0 && headline < firstChart, "the headline section must come before the first chart");
        Assert.True(headline < html.IndexOf("<section id=\"evidence\">", StringComparison.Ordinal));
        foreach (var section in new[] { "methods", "assumptions", "caveats" })
            Assert.Contains($"<section id=\"{section}\">", html);
        Assert.Contains("docs/methods.md", html);
        Assert.Contains("not a randomised trial", html);
    }

    [Fact]
    public async Task The_headline_roi_and_every_assumption_event_of_roi_json_are_on_the_page()
    {
        var (html, json) = await ReadReportAsync();
        var programmes = json.GetProperty("programmes").EnumerateArray().ToList();
        Assert.NotEmpty(programmes);
        var headline = Section(html, "headline");
        foreach (var p in programmes)
        {
            var id = p.GetProperty("programId").GetString()!;
            Assert.Contains(RoiReportHtml.Encoder.Encode(id), headline);
            foreach (var scenario in new[] { "expected", "conservative" })
            {
                var s = p.GetProperty(scenario);
                Assert.Contains(Enc(ReportFormat.English.Percent(s.GetProperty("roiPercent").GetDouble())), headline);
                Assert.Contains(Enc(ReportFormat.English.Ratio(s.GetProperty("benefitCostRatio").GetDouble())), headline);
            }
            Assert.Contains(Enc($"n = {ReportFormat.English.Count(p.GetProperty("learners").GetInt32())} learners"), headline);
            Assert.Contains(Enc(ReportFormat.English.Money(p.GetProperty("costs").GetProperty("total").GetDouble(), "EUR")), headline);
        }

        var eventIds = programmes.SelectMany(p => p.GetProperty("assumptionsUsed").EnumerateArray())
            .Select(a => a.GetProperty("eventId").GetString()!).Distinct().ToList();
        Assert.NotEmpty(eventIds);
        var assumptions = Section(html, "assumptions");
        foreach (var eventId in eventIds) Assert.Contains(Enc(eventId), assumptions);

        // roi.json carries the analyses behind the charts, not the images.
        Assert.Equal("program", json.GetProperty("retention").GetProperty("by").GetString());
        Assert.NotEmpty(json.GetProperty("growth").GetProperty("groups").EnumerateArray());
        Assert.NotEmpty(json.GetProperty("gaps").GetProperty("cells").EnumerateArray());
        var charts = json.GetProperty("charts").EnumerateArray().ToList();
        Assert.Equal(ChartNames.Concat(json.GetProperty("strategy").GetProperty("goals").EnumerateArray()
                .Select(g => ReportCharts.StrategyPrefix + g.GetProperty("goalId").GetString())).Append(ReportCharts.Effectiveness).Order(),
            charts.Select(c => c.GetProperty("name").GetString()!).Order());
        Assert.All(charts, c => Assert.False(c.TryGetProperty("png", out _)));
    }

    [Fact]
    public async Task The_api_serves_the_same_page_and_404s_an_unknown_programme()
    {
        var (_, json) = await ReadReportAsync();
        var response = await app.Client.GetAsync("/api/reports/roi?asOf=2026-06-30");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var headline = Section(await response.Content.ReadAsStringAsync(), "headline");
        foreach (var p in json.GetProperty("programmes").EnumerateArray())
            Assert.Contains(Enc(ReportFormat.English.Percent(p.GetProperty("expected").GetProperty("roiPercent").GetDouble())), headline);

        var one = json.GetProperty("programmes")[0].GetProperty("programId").GetString()!;
        var single = await app.Client.GetAsync($"/api/reports/roi?asOf=2026-06-30&program={Uri.EscapeDataString(one)}");
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);

        var unknown = await app.Client.GetAsync("/api/reports/roi?program=no-such-programme");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var problem = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("program", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_report_and_the_api_give_identical_roi_figures_for_the_same_asOf()
    {
        var (_, json) = await ReadReportAsync();
        var api = await app.GetJsonAsync("/api/analytics/roi?asOf=2026-06-30");
        Assert.Equal(json.GetProperty("asOf").GetString(), api.GetProperty("asOf").GetString());
        Assert.NotEmpty(api.GetProperty("programmes").EnumerateArray());
        // Every figure of every programme, to the last digit: the same asOf must give the same answer on every path.
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
                System.Text.Json.Nodes.JsonNode.Parse(json.GetProperty("programmes").GetRawText()),
                System.Text.Json.Nodes.JsonNode.Parse(api.GetProperty("programmes").GetRawText())),
            "roi.json and GET /api/analytics/roi differ for asOf=2026-06-30");
        Assert.Equal(json.GetProperty("notComputed").GetRawText(), api.GetProperty("notComputed").GetRawText());
    }

    [Fact]
    public async Task A_date_alone_means_the_same_end_of_day_on_every_route_and_in_the_report()
    {
        // Before one definition of asOf the analytics routes and the report ended the day at 23:59:59, the skills
        // routes at 23:59:59.999999: events in the last second of the day counted on one and not the other.
        const string endOfDay = "2026-06-30T23:59:59.999999+00:00";
        var (_, json) = await ReadReportAsync();
        Assert.Equal(endOfDay, json.GetProperty("asOf").GetString());
        foreach (var path in new[] { "/api/analytics/roi?asOf=2026-06-30", "/api/analytics/retention?asOf=2026-06-30",
                     "/api/analytics/retention/newcomers?asOf=2026-06-30", "/api/people/E000001/skills?asOf=2026-06-30" })
            Assert.Equal(endOfDay, (await app.GetJsonAsync(path)).GetProperty("asOf").GetString());
        var knownAt = await app.GetJsonAsync("/api/people/E000001/skills?knownAt=2026-06-30");
        Assert.Equal(endOfDay, knownAt.GetProperty("knownAt").GetString());
        var page = await (await app.Client.GetAsync("/api/reports/roi?asOf=2026-06-30")).Content.ReadAsStringAsync();
        Assert.Contains($"<time datetime=\"{Enc("2026-06-30T23:59:59.9999990+00:00")}\">{Enc("30 June 2026 (end of day, UTC)")}</time>", page);
    }

    [Fact]
    public async Task Routes_without_asOf_state_the_moment_they_answered_for()
    {
        var before = DateTimeOffset.UtcNow;
        foreach (var path in new[] { "/api/analytics/roi", "/api/analytics/growth?by=program", "/api/teams/eng-platform/gaps" })
        {
            var asOf = (await app.GetJsonAsync(path)).GetProperty("asOf").GetDateTimeOffset();
            var after = DateTimeOffset.UtcNow;
            Assert.True(asOf >= before && asOf <= after, $"{path}: asOf {asOf:O} is not the moment of the request ({before:O} … {after:O})");
        }
    }

    [Fact]
    public async Task The_cli_refuses_an_unknown_programme_with_a_usage_error()
    {
        var dir = Path.Combine(Path.GetTempPath(), "skillsledger-report-" + Guid.NewGuid().ToString("N")[..10]);
        var (exit, _, stderr) = await CliProcess.RunAsync(null, "report", "roi", "--program", "no-such-programme", "--out", dir, "--db", app.ConnectionString);
        Assert.Equal(2, exit);
        Assert.Contains("no-such-programme", stderr);
        Assert.False(File.Exists(Path.Combine(dir, "roi-report.html")));
    }

    [Fact]
    public async Task The_dutch_page_shows_the_same_figures_in_Dutch_and_translates_every_sentence_of_the_analyses()
    {
        var (dir, exit, _, stderr) = await CliReportAsync();
        Assert.True(exit == 0, $"report roi exited {exit}: {stderr}");
        var nl = await File.ReadAllTextAsync(Path.Combine(dir, "roi-report.nl.html"));
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "roi.json"))).RootElement;
        var dutch = ReportFormat.Dutch;
        Assert.Contains("<html lang=\"nl\">", nl);
        Assert.Contains("Rendement van leerprogramma", nl);
        var headline = Section(nl, "headline");
        foreach (var p in json.GetProperty("programmes").EnumerateArray())
        {
            Assert.Contains(Enc(dutch.Percent(p.GetProperty("expected").GetProperty("roiPercent").GetDouble())), headline);
            Assert.Contains(Enc($"n = {dutch.Learners(p.GetProperty("learners").GetInt32())}"), headline);
            Assert.Contains(Enc(dutch.Money(p.GetProperty("costs").GetProperty("total").GetDouble(), "EUR")), headline);
        }
        var readiness = json.GetProperty("readiness").GetProperty("overall");
        Assert.Contains(Enc(dutch.Share(readiness.GetProperty("share").GetDouble())), Section(nl, "readiness"));
        Assert.Contains(",", dutch.Share(readiness.GetProperty("share").GetDouble())); // 12,5 %: a decimal comma

        // Every sentence an analysis wrote on this ledger has a Dutch wording, and none of the English is left on the page.
        var sentences = json.GetProperty("programmes").EnumerateArray().SelectMany(p => p.GetProperty("caveats").EnumerateArray().Select(c => c.GetString()!))
            .Concat(json.GetProperty("retention").GetProperty("notes").EnumerateArray().Select(n => n.GetString()!))
            .Concat(json.GetProperty("notComputed").EnumerateArray().Select(n => n.GetProperty("reason").GetString()!))
            .Concat(json.GetProperty("strategy").GetProperty("goals").EnumerateArray().Select(g => g.GetProperty("status").GetString()!))
            .Append(json.GetProperty("effectiveness").GetProperty("threats").GetString()!).Distinct().ToList();
        Assert.NotEmpty(sentences);
        foreach (var sentence in sentences) Assert.True(AnalysisWordsDutch.Knows(sentence), $"no Dutch wording for: {sentence}");
        foreach (var english in new[] { "Pays back", "Selection:", "How the figures are worked out", "Which learning formats", "Not computed", "on track" })
            Assert.DoesNotContain(english, nl);
        Assert.Contains("Kanttekeningen", Section(nl, "caveats"));

        // The API gives the Dutch page on ?lang=nl and to a Dutch browser; ?lang=fr is refused naming the parameter.
        var api = await (await app.Client.GetAsync("/api/reports/roi?asOf=2026-06-30&lang=nl")).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"nl\">", api);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports/roi?asOf=2026-06-30");
        request.Headers.AcceptLanguage.ParseAdd("nl-NL,nl;q=0.9,en;q=0.5");
        Assert.Contains("<html lang=\"nl\">", await (await app.Client.SendAsync(request)).Content.ReadAsStringAsync());
        var bad = await app.Client.GetAsync("/api/reports/roi?lang=fr");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("lang", await bad.Content.ReadAsStringAsync());
    }

    private static string Enc(string text) => RoiReportHtml.Encoder.Encode(text);

    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private static int CountOf(string text, string what)
    {
        int count = 0, at = 0;
        while ((at = text.IndexOf(what, at, StringComparison.Ordinal)) >= 0) { count++; at += what.Length; }
        return count;
    }
}
