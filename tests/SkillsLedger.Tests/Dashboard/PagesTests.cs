using System.Globalization;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;
using SkillsLedger.Access;

namespace SkillsLedger.Tests.Dashboard;

/// <summary>Every page after the overview: its figures against the API's, both languages, roles, access log.</summary>
public sealed partial class DashboardTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The page as a person sees it, checked the same way for every page: screenshot, axe, no console errors.</summary>
    private static async Task CheckAsync(IPage page, List<string> problems, string screenshot)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, screenshot + ".png"), FullPage = true });
        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes: {v.Nodes[0].Html})"));
        Assert.Empty(problems);
    }

    private async Task<IPage> SignedInAsync(string role, List<string>? problemsOut = null, string language = "en-GB")
    {
        var (page, problems) = await OpenAsync(language);
        await SignInAsync(page, await KeyAsync(role));
        problemsOut?.AddRange(problems);
        return page;
    }

    public static TheoryData<string, string, string> Pages => new()
    {
        { "/skills-map", "Skills map", "Vaardighedenkaart" },
        { "/programmes?asOf=" + AsOf, "Programmes", "Programma's" },
        { "/retention?asOf=" + AsOf, "Retention", "Behoud" },
        { "/strategy?asOf=" + AsOf, "Strategy", "Strategie" },
        { "/audit", "Audit", "Audit" },
    };

    [SkippableTheory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_renders_in_english_and_dutch_without_errors_or_serious_accessibility_problems(string path, string english, string dutch)
    {
        foreach (var (language, title) in new[] { ("en-GB", english), ("nl-NL", dutch) })
        {
            var (page, problems) = await OpenAsync(language);
            await SignInAsync(page, await KeyAsync(Roles.Admin));
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            Assert.Equal(title, await page.InnerTextAsync("h1"));
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
            await CheckAsync(page, problems, path.TrimStart('/').Split('?')[0] + "-" + language[..2]);
            await page.Context.CloseAsync();
        }
    }

    [SkippableFact]
    public async Task The_skills_map_shows_each_teams_mean_gap_as_the_team_gap_api_does_and_drills_down_to_the_team()
    {
        var (page, problems) = await OpenAsync();
        await SignInAsync(page, await KeyAsync(Roles.Analyst));
        await page.GotoAsync("/skills-map");
        var firstTeam = await page.Locator("#skills-map tbody th a").First.InnerTextAsync();
        var api = await ApiAsync($"/api/teams/{Uri.EscapeDataString(firstTeam)}/gaps");
        var shown = 0;
        foreach (var s in api.GetProperty("summary").EnumerateArray())
        {
            var cell = page.Locator($"#skills-map tbody tr:first-child td[data-skill='{s.GetProperty("skill").GetString()}']");
            var text = await cell.InnerTextAsync();
            if (s.GetProperty("members").GetInt32() < 5) { Assert.Equal("< 5", text.Trim()); continue; }
            Assert.StartsWith(s.GetProperty("meanGap").GetDouble().ToString("0.00", Inv), text);
            Assert.Contains($"{s.GetProperty("belowTarget").GetInt32()}/{s.GetProperty("members").GetInt32()}", text);
            shown++;
        }
        Assert.True(shown > 0, "the first team shows at least one unsuppressed cell");
        Assert.True(await page.Locator("#skills-map td.notrequired").CountAsync() > 0, "some skill is not required by some team");

        // Filtering by a department keeps only that department's people; the filter is in the URL (shareable).
        var department = (await page.Locator("#f-department option").AllInnerTextsAsync()).Skip(1).First();
        await page.SelectOptionAsync("#f-department", department);
        await page.ClickAsync("form.filters button");
        Assert.Contains("department=" + Uri.EscapeDataString(department).Replace("%20", "+"), page.Url);

        await page.GotoAsync("/skills-map");
        await page.ClickAsync("#skills-map tbody th a >> nth=0");
        Assert.Equal($"Team {firstTeam}", await page.InnerTextAsync("h1"));
        foreach (var s in api.GetProperty("summary").EnumerateArray())
            Assert.Contains(s.GetProperty("meanGap").GetDouble().ToString("0.00", Inv),
                await page.Locator("#gaps tr", new PageLocatorOptions { HasText = s.GetProperty("skill").GetString() }).First.InnerTextAsync());
        var row = api.GetProperty("gaps").EnumerateArray().First(r => r.GetProperty("level").ValueKind == JsonValueKind.Number);
        var member = await page.InnerTextAsync($"#members td[data-person='{row.GetProperty("personId").GetString()}'][data-skill='{row.GetProperty("skill").GetString()}']");
        Assert.Contains($"{row.GetProperty("level").GetDouble().ToString("0.00", Inv)} / {row.GetProperty("target").GetDouble().ToString("0", Inv)}", member);
        await CheckAsync(page, problems, "team-en");
    }

    [SkippableFact]
    public async Task A_person_page_shows_the_apis_levels_its_lineage_leads_to_the_events_and_the_view_is_in_the_access_log()
    {
        var people = (await ApiAsync($"/api/teams/{Uri.EscapeDataString((await FirstTeamAsync()))}/gaps")).GetProperty("gaps").EnumerateArray()
            .Select(r => r.GetProperty("personId").GetString()!).Distinct().ToList();
        var person = people[0];
        var (page, problems) = await OpenAsync("nl-NL");
        await SignInAsync(page, await KeyAsync(Roles.Auditor));
        await page.GotoAsync($"/people/{person}?asOf={AsOf}");
        Assert.Equal($"Vaardigheden van {person}", await page.InnerTextAsync("h1"));
        var skills = (await ApiAsync($"/api/people/{person}/skills?asOf={AsOf}")).GetProperty("skills").EnumerateArray().ToList();
        Assert.Equal(skills.Count, await page.Locator("#levels tbody tr").CountAsync());
        foreach (var s in skills) // Dutch decimal comma
            Assert.Equal(s.GetProperty("level").GetDouble().ToString("0.00", Inv).Replace('.', ','),
                await page.InnerTextAsync($"#levels td[data-skill='{s.GetProperty("skill").GetString()}']"));
        var routesJson = (await ApiAsync($"/api/people/{person}/routes?asOf={AsOf}")).GetProperty("routes");
        var routes = routesJson.EnumerateArray().Select(r => r.GetProperty("role").GetString()).ToList();
        var shown = new List<string?>();
        foreach (var section in await page.Locator("section.route").AllAsync()) shown.Add(await section.GetAttributeAsync("data-role"));
        Assert.Equal(routes, shown);
        if (routes.Count > 0) // the Dutch page shows the API's Dutch explanation
            Assert.Equal(routesJson[0].GetProperty("explanationNl").GetString(), await page.InnerTextAsync("section.route >> nth=0 >> p.why"));
        var path = (await ApiAsync($"/api/people/{person}/learning-path?asOf={AsOf}")).GetProperty("items").GetArrayLength();
        Assert.Equal(path, await page.Locator("#path > li").CountAsync());
        await CheckAsync(page, problems, "person-nl");

        var skill = skills[0].GetProperty("skill").GetString()!;
        await page.ClickAsync($"#levels tr:has(th:text-is('{skill}')) a");
        var lineage = await ApiAsync($"/api/people/{person}/skills/{skill}/lineage?asOf={AsOf}");
        Assert.Equal(lineage.GetProperty("steps").GetArrayLength(), await page.Locator("#steps tbody tr").CountAsync());
        foreach (var step in lineage.GetProperty("steps").EnumerateArray())
            Assert.Contains(step.GetProperty("eventId").GetString()!, await page.InnerTextAsync("#steps"));
        Assert.Contains("weighted-recency versie 1", await page.InnerTextAsync("#summary"));

        await page.GotoAsync($"/audit?personId={person}");
        var log = await page.InnerTextAsync("#access");
        Assert.Contains($"GET /people/{person}", log);
        Assert.Contains($"GET /people/{person}/skills/{skill}", log);
    }

    [SkippableFact]
    public async Task Retention_programmes_and_strategy_show_the_apis_figures()
    {
        var (page, problems) = await OpenAsync();
        await SignInAsync(page, await KeyAsync(Roles.Analyst));

        await page.GotoAsync($"/retention?asOf={AsOf}");
        var retention = await ApiAsync($"/api/analytics/retention?asOf={AsOf}");
        foreach (var g in retention.GetProperty("groups").EnumerateArray().Where(g => !g.GetProperty("suppressed").GetBoolean()))
            Assert.Equal($"{g.GetProperty("survivalAtHorizon").GetDouble() * 100:0.0} %", await page.InnerTextAsync($"#groups td[data-group='{g.GetProperty("group").GetString()}']"));
        if (retention.GetProperty("logRank").ValueKind == JsonValueKind.Object)
            Assert.Contains($"χ² = {retention.GetProperty("logRank").GetProperty("chi2").GetDouble():0.00}", await page.InnerTextAsync("#logrank"));
        Assert.Equal(1, await page.Locator("figure.chart svg").CountAsync());
        Assert.True(await page.Locator("#at-risk tbody tr").CountAsync() >= 1);

        await page.GotoAsync($"/programmes?asOf={AsOf}");
        foreach (var p in (await ApiAsync($"/api/analytics/roi?asOf={AsOf}")).GetProperty("programmes").EnumerateArray())
        {
            var roi = p.GetProperty("conservative").GetProperty("roiPercent");
            if (roi.ValueKind == JsonValueKind.Number)
                Assert.Contains(Percent(roi.GetDouble()), await page.InnerTextAsync($"#roi tr[data-program='{p.GetProperty("programId").GetString()}']"));
        }
        Assert.DoesNotMatch(@"-\d", await page.InnerTextAsync("#roi")); // a negative ROI has a real minus sign, never a hyphen
        // Programmes are shown by the name their program_defined gives them (the demo's "data-literacy"), the id beside it.
        Assert.Contains("Data literacy", await page.InnerTextAsync("#roi"));
        var effect = await ApiAsync($"/api/analytics/effectiveness?asOf={AsOf}");
        foreach (var g in effect.GetProperty("groups").EnumerateArray().Where(g => !g.GetProperty("suppressed").GetBoolean() && g.GetProperty("meanEffect").ValueKind == JsonValueKind.Number))
            Assert.EndsWith(Math.Abs(g.GetProperty("meanEffect").GetDouble()).ToString("0.00", Inv), await page.InnerTextAsync($"#effect td[data-group='{g.GetProperty("group").GetString()}']"));

        // Who takes part, by generation: each shown cell's participants/people as the API counts them (last year).
        var participation = (await ApiAsync($"/api/analytics/participation?asOf={AsOf}&by=generation")).GetProperty("years").EnumerateArray()
            .Where(y => !y.GetProperty("suppressed").GetBoolean()).ToList();
        Assert.NotEmpty(participation);
        var cells = await page.Locator("#participation td[data-group]").AllInnerTextsAsync();
        foreach (var y in participation)
            Assert.Contains(cells, c => c.Contains($"{y.GetProperty("share").GetDouble() * 100:0.0} %") && c.Contains($"{y.GetProperty("participants").GetInt32()}/{y.GetProperty("n").GetInt32()}"));

        await page.GotoAsync($"/strategy?asOf={AsOf}");
        var goals = (await ApiAsync($"/api/strategy/goals?asOf={AsOf}")).GetProperty("goals").EnumerateArray().ToList();
        Assert.NotEmpty(goals);
        foreach (var g in goals)
        {
            var section = page.Locator($"#goal-{g.GetProperty("goalId").GetString()}");
            var targets = g.GetProperty("targets").EnumerateArray().ToList();
            Assert.Equal(targets.Count, await section.Locator("table.targets tbody tr").CountAsync());
            Assert.Equal(targets.Count, await section.Locator("figure.chart").CountAsync());
            var first = await section.Locator("table.targets tbody tr").First.InnerTextAsync();
            Assert.Contains($"\t{targets[0].GetProperty("supply").GetInt32()}\t{targets[0].GetProperty("gap").GetInt32()}\t", first);
        }
        Assert.Empty(problems);
    }

    [SkippableFact]
    public async Task The_audit_page_verifies_the_chain_and_shows_the_apis_head_and_only_auditors_and_admins_open_it()
    {
        var (page, problems) = await OpenAsync();
        await SignInAsync(page, await KeyAsync(Roles.Auditor));
        Assert.Equal(["Audit"], await page.Locator("nav a").AllInnerTextsAsync()); // an auditor's navigation: no organisation pages
        var head = await ApiAsync("/api/audit/head");
        await page.GotoAsync("/audit");
        Assert.Contains(head.GetProperty("head").GetString()!, await page.InnerTextAsync("#head"));
        await page.ClickAsync("text=Verify the whole chain");
        Assert.Contains("Verified", await page.InnerTextAsync("#verified"));
        Assert.Empty(problems);

        var (analyst, _) = await OpenAsync();
        await SignInAsync(analyst, await KeyAsync(Roles.Analyst));
        Assert.Equal(403, (await analyst.GotoAsync("/audit"))!.Status);
        Assert.DoesNotContain(head.GetProperty("head").GetString()!, await analyst.ContentAsync());
    }

    private async Task<string> FirstTeamAsync()
    {
        var (page, _) = await OpenAsync();
        await SignInAsync(page, await KeyAsync(Roles.Analyst));
        await page.GotoAsync("/skills-map");
        var team = await page.Locator("#skills-map tbody th a").First.InnerTextAsync();
        await page.Context.CloseAsync();
        return team;
    }

    [SkippableFact]
    public async Task An_employee_sees_only_their_own_page_with_fit_and_lineage_and_nothing_of_anyone_else()
    {
        var people = (await ApiAsync($"/api/teams/{Uri.EscapeDataString(await FirstTeamAsync())}/gaps")).GetProperty("gaps").EnumerateArray()
            .Select(r => r.GetProperty("personId").GetString()!).Distinct().ToList();
        var (own, other) = (people[0], people[1]);
        var key = (await App.Services.GetRequiredService<ApiKeys>().CreateAsync("default", Roles.Employee, "dashboard-employee", CancellationToken.None, own)).Key;
        var (page, problems) = await OpenAsync();
        await SignInAsync(page, key);
        Assert.Equal($"Skills of {own}", await page.InnerTextAsync("h1")); // "/" sends an employee to their own page
        Assert.Equal(["My skills"], await page.Locator("nav a").AllInnerTextsAsync());
        var fit = (await ApiAsync($"/api/people/{own}/fit")).GetProperty("roles").EnumerateArray().First();
        Assert.Contains($"{fit.GetProperty("fit").GetDouble() * 100:0.0} %", await page.InnerTextAsync($"#fit tr[data-role='{fit.GetProperty("role").GetString()}']"));
        await page.ClickAsync("#levels tbody tr:first-child a"); // their own lineage
        Assert.True(await page.Locator("#steps tbody tr").CountAsync() > 0);
        await CheckAsync(page, problems, "person-employee-en");

        foreach (var path in new[] { $"/people/{other}", $"/people/{other}/skills/anything", "/skills-map", "/programmes", "/audit", $"/teams/x" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            Assert.Equal("Not allowed", await page.InnerTextAsync("h1"));
            Assert.DoesNotContain(other, await page.InnerTextAsync("main"));
            Assert.Equal(0, await page.Locator("table").CountAsync());
        }
    }
}
