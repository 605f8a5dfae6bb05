using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten.Events;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Strategy;

/// <summary>
/// Supply, gap, trend and linked learning of one goal against values worked by hand. Department ST, skill st-skill (1–5),
/// target level 3; everyone hired 2024-01-01:
///   S1 test 3 (Mar 1)                                   → 3
///   S2 manager 2 (Mar 1), manager 4 (Sep 1)             → 2 until Sep; then (4 + 2·0.5^(184/365)) / (1 + 0.5^(184/365)) = 3.173
///   S3 test 3 (Mar 1), left Oct 1                       → counts until Oct 1
///   S4 test 4 (Mar 1) in department XX, moved to ST Nov 1 → counts from Nov 1
///   S5 self 5 (Mar 1), retracted Mar 10                 → no level
///   S6 manager 3 + self 3 (Mar 1)                       → (0.7·3 + 0.3·3)/(0.7 + 0.3) = 2.9999999999999996: meets 3 at 9 decimals
/// Supply: 30 Jun 2024 = S1, S3, S6 = 3 of 5 in scope (S1 S2 S3 S5 S6); 31 Dec 2024 = S1, S2, S4, S6 = 4 of 5 (S1 S2 S4 S5 S6).
/// Goal st-goal set 1 May 2024 with headcount 6 (gap 6 − 3 = 3 at 30 Jun), revised 15 Nov 2024 to 5 (gap 5 − 4 = 1 at 31 Dec).
/// Learning at 31 Dec: st-prog (linked) 10 h, 1,000 EUR + 10 h × 50 EUR/h = 1,500 EUR; st-other (unlinked) 6 h, 300 + 300 = 600 EUR;
/// linked share of hours 10/16 = 0.625, of spend 1,500/2,100 = 0.714286.
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class StrategyCoverageTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("strategy-coverage");

    public async Task InitializeAsync()
    {
        var events = new List<object>
        {
            Events.SkillDefined("st-skill", eventId: "st-skill"),
            new { type = "roi_assumption_set", eventId = "st-hourly", name = "loaded_hourly_cost", value = 50, unit = "EUR/hour", occurredAt = "2024-01-01T00:00:00Z" },
            new { type = "program_defined", eventId = "st-p1", programId = "st-prog", name = "ST programme", goals = new[] { "st-goal" }, occurredAt = "2024-01-01T00:00:00Z" },
            new { type = "program_defined", eventId = "st-p2", programId = "st-other", name = "Other programme", goals = Array.Empty<string>(), occurredAt = "2024-01-01T00:00:00Z" },
            new { type = "program_cost", eventId = "st-k1", programId = "st-prog", amount = 1000, currency = "EUR", category = "licences", occurredAt = "2024-02-01T00:00:00Z" },
            new { type = "program_cost", eventId = "st-k2", programId = "st-other", amount = 300, currency = "EUR", category = "licences", occurredAt = "2024-02-01T00:00:00Z" },
            Goal("st-g1", 6, "2024-05-01T00:00:00Z"),
            Goal("st-g2", 5, "2024-11-15T00:00:00Z"),
            new { type = "strategic_goal_set", eventId = "st-o1", goalId = "st-old", name = "Old goal", dueDate = "2024-12-31",
                  targets = new[] { new { skill = "st-skill", level = 2, headcount = 1 } }, occurredAt = "2024-02-01T00:00:00Z" },
            new { type = "strategic_goal_retired", eventId = "st-o2", goalId = "st-old", reason = "merged into st-goal", occurredAt = "2024-03-01T00:00:00Z" },
        };
        foreach (var p in new[] { "S1", "S2", "S3", "S4", "S5", "S6" })
            events.Add(new { type = "person_hired", eventId = $"st-h-{p}", personId = p, department = p == "S4" ? "XX" : "ST", role = "st-role", occurredAt = "2024-01-01T00:00:00Z" });
        void A(string p, decimal level, string method, string at, string? id = null) =>
            events.Add(Events.Assessed(p, "st-skill", level, method, id ?? $"st-{p}-{method}-{at}", at + "T09:00:00Z"));
        A("S1", 3, "test", "2024-03-01");
        A("S2", 2, "manager", "2024-03-01"); A("S2", 4, "manager", "2024-09-01");
        A("S3", 3, "test", "2024-03-01");
        A("S4", 4, "test", "2024-03-01");
        A("S5", 5, "self", "2024-03-01", "st-s5-self");
        A("S6", 3, "manager", "2024-03-01"); A("S6", 3, "self", "2024-03-01");
        events.Add(new { type = "assessment_retracted", eventId = "st-r5", personId = "S5", retractsEventId = "st-s5-self", reason = "entered for the wrong person", occurredAt = "2024-03-10T00:00:00Z" });
        events.Add(new { type = "person_left", eventId = "st-l3", personId = "S3", reason = "voluntary", occurredAt = "2024-10-01T00:00:00Z" });
        events.Add(new { type = "person_moved", eventId = "st-m4", personId = "S4", department = "ST", occurredAt = "2024-11-01T00:00:00Z" });
        events.Add(new { type = "course_completed", eventId = "st-c1", personId = "S1", courseId = "st-course", programId = "st-prog", hours = 10, occurredAt = "2024-06-01T00:00:00Z" });
        events.Add(new { type = "course_completed", eventId = "st-c2", personId = "S2", courseId = "st-course2", programId = "st-other", hours = 6, occurredAt = "2024-06-01T00:00:00Z" });
        var response = await app.PostEventsAsync(events.ToArray());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    private static object Goal(string eventId, int headcount, string at) => new
    {
        type = "strategic_goal_set", eventId, goalId = "st-goal", name = "ST skills", dueDate = "2025-06-30",
        targets = new[] { new { skill = "st-skill", level = 3, headcount, scope = new { department = "ST" } } }, occurredAt = at,
    };

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Rows of a query on the fixture's database, columns joined by "|" (null as "null").</summary>
    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var conn = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await r.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }

    private async Task<JsonElement> TargetAsync(string asOf)
    {
        var goal = (await app.GetJsonAsync($"/api/strategy/goals/st-goal?asOf={asOf}")).GetProperty("goal");
        return goal.GetProperty("targets")[0];
    }

    [Fact]
    public async Task Supply_and_gap_follow_employment_scope_levels_and_the_goal_revision_in_force()
    {
        var june = await app.GetJsonAsync("/api/strategy/goals/st-goal?asOf=2024-06-30");
        Assert.Equal(1, june.GetProperty("goal").GetProperty("revision").GetInt32());
        var t = june.GetProperty("goal").GetProperty("targets")[0];
        Assert.Equal((5, 3, 6, 3), (t.GetProperty("inScope").GetInt32(), t.GetProperty("supply").GetInt32(), t.GetProperty("headcount").GetInt32(), t.GetProperty("gap").GetInt32()));

        var december = await app.GetJsonAsync("/api/strategy/goals/st-goal?asOf=2024-12-31");
        Assert.Equal(2, december.GetProperty("goal").GetProperty("revision").GetInt32());
        t = december.GetProperty("goal").GetProperty("targets")[0];
        Assert.Equal((5, 4, 5, 1), (t.GetProperty("inScope").GetInt32(), t.GetProperty("supply").GetInt32(), t.GetProperty("headcount").GetInt32(), t.GetProperty("gap").GetInt32()));
    }

    [Fact]
    public async Task The_monthly_trend_counts_supply_at_each_month_end()
    {
        var trend = (await TargetAsync("2024-12-31")).GetProperty("trend").EnumerateArray()
            .ToDictionary(p => p.GetProperty("month").GetString()!, p => p.GetProperty("supply").GetInt32());
        Assert.Equal(24, trend.Count);
        Assert.Equal(0, trend["2024-02-29"]);  // nobody assessed yet
        Assert.Equal(3, trend["2024-03-31"]);  // S1, S3, S6
        Assert.Equal(4, trend["2024-09-30"]);  // + S2 at 3.17
        Assert.Equal(3, trend["2024-10-31"]);  // − S3, left
        Assert.Equal(4, trend["2024-11-30"]);  // + S4, moved in
    }

    [Fact]
    public async Task The_forecast_is_ordered_and_gives_a_status()
    {
        var f = (await TargetAsync("2024-12-31")).GetProperty("forecast");
        int I(string interval, string end) => f.GetProperty(interval).GetProperty(end).GetInt32();
        Assert.True(I("interval95", "low") <= I("interval80", "low") && I("interval80", "low") <= f.GetProperty("median").GetInt32()
                    && f.GetProperty("median").GetInt32() <= I("interval80", "high") && I("interval80", "high") <= I("interval95", "high"));
        Assert.Equal("2025-06-30", f.GetProperty("dueDate").GetString());
        var fit = f.GetProperty("fit");
        Assert.Equal(1, fit.GetProperty("leavers").GetInt32()); // S3 in the year before 31 Dec 2024
        var status = (await app.GetJsonAsync("/api/strategy/goals/st-goal?asOf=2024-12-31")).GetProperty("goal").GetProperty("status").GetString();
        Assert.Contains(status, new[] { "on track", "at risk", "off track" });
    }

    [Fact]
    public async Task Learning_linked_to_the_goal_is_counted_as_roi_costs_it()
    {
        var view = await app.GetJsonAsync("/api/strategy/goals?asOf=2024-12-31");
        var learning = view.GetProperty("goals").EnumerateArray().Single(g => g.GetProperty("goalId").GetString() == "st-goal").GetProperty("learning");
        Assert.Equal(["st-prog"], learning.GetProperty("programmes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(1, learning.GetProperty("learners").GetInt32());
        Assert.Equal(10, learning.GetProperty("hours").GetDouble(), 9);
        Assert.Equal(1500, learning.GetProperty("totalCost").GetDouble(), 9);
        var all = view.GetProperty("learning");
        Assert.Equal(0.625, all.GetProperty("linkedHoursShare").GetDouble(), 9);
        Assert.Equal(1500.0 / 2100.0, all.GetProperty("linkedCostShare").GetDouble(), 9);
        var unlinked = all.GetProperty("unlinked").EnumerateArray().Single();
        Assert.Equal(("st-other", 600.0), (unlinked.GetProperty("programId").GetString(), unlinked.GetProperty("totalCost").GetDouble()));
    }

    [Fact]
    public async Task An_unknown_goal_or_one_not_yet_set_is_a_404_problem_naming_goalId()
    {
        foreach (var path in new[] { "/api/strategy/goals/no-such-goal", "/api/strategy/goals/st-goal?asOf=2024-04-30", "/api/strategy/goals/st-goal?knownAt=2000-01-01" })
        {
            var response = await app.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("goalId", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("field").GetString());
        }
    }

    [Fact]
    public async Task A_retired_goal_is_listed_as_retired()
    {
        var goals = (await app.GetJsonAsync("/api/strategy/goals?asOf=2024-12-31")).GetProperty("goals").EnumerateArray()
            .ToDictionary(g => g.GetProperty("goalId").GetString()!, g => g.GetProperty("status").GetString());
        Assert.Equal("retired", goals["st-old"]);
        Assert.NotEqual("retired", goals["st-goal"]);
    }

    [Fact]
    public async Task The_monthly_supply_view_agrees_with_the_hand_values_and_the_API()
    {
        // Every one of the last 24 month ends lies after 1 Nov 2024 (the tests run later): 5 in scope, 4 at level 3, as by hand.
        var view = await RowsAsync($"select to_char(month, 'YYYY-MM'), in_scope, supply, headcount from analytics.goal_supply_monthly where org_id = '{app.Organisation}' and goal_id = 'st-goal' order by month");
        Assert.Equal(24, view.Count);
        Assert.All(view, row => Assert.EndsWith("|5|4|5", row));
        var trend = (await app.GetJsonAsync("/api/strategy/goals/st-goal")).GetProperty("goal").GetProperty("targets")[0].GetProperty("trend")
            .EnumerateArray().Select(p => $"{p.GetProperty("month").GetString()![..7]}|5|{p.GetProperty("supply").GetInt32()}|5").ToList();
        Assert.Equal(trend, view);
    }

    [Fact]
    public async Task The_routes_are_in_the_OpenAPI_document_with_their_point_in_time_parameters()
    {
        using var anonymous = await app.ClientForAsync(null, null);
        var paths = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/strategy/goals", "/api/strategy/goals/{goalId}" })
        {
            var names = paths.GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
            Assert.Contains("asOf", names);
            Assert.Contains("knownAt", names);
        }
    }

    [Fact]
    public async Task A_bad_asOf_is_a_400_naming_it()
    {
        var response = await app.Client.GetAsync("/api/strategy/goals?asOf=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("asOf", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("field").GetString());
    }
}
