using System.Text.Json;
using Marten.Events;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Readiness;

/// <summary>
/// Readiness against values counted by hand. Skills r-tech (technical) and r-power (power), both 1–5. Role r-analyst
/// requires r-tech ≥ 3 and r-power ≥ 2; role r-lead requires r-tech ≥ 4; role r-intern has no profile. All hired
/// 2024-01-01 unless said otherwise; assessments on 2024-02-01 unless said otherwise.
///   P1 analyst: tech 3 (test), power 2 (manager)                          → meets both.
///   P2 analyst: tech 4 (test), power 1 (self)                             → misses power.
///   P3 analyst: tech 2 (test), then tech 4 (test) and power 3 (manager) on 2024-08-01 (182 days later).
///               tech = (2·0.9·0.5^(182/365) + 4·0.9) / (0.9·0.5^(182/365) + 0.9) = (1.275040 + 3.6) / 1.537520 = 3.1707 ≥ 3.
///   P4 lead: tech 4 (certification); moved to analyst on 2024-06-01 (no power assessment).
///   P5 intern: no profile.  P6 analyst: left 2024-05-01, no assessment.  P7 analyst: hired 2025-01-15.
/// As of 2024-12-31: employed with a profile P1 P2 P3 P4(analyst) → ready P1, P3: 2 of 4; P5 without profile.
///   Wilson 95 % for 2/4: centre (0.5 + z²/8)/(1 + z²/4) = 0.5, half-width z·√(1/16 + z²/64)/(1 + z²/4) = 0.349962
///   → [0.150038, 0.849962]. Per skill: r-tech 4 of 4 (P1 3, P2 4, P3 3.17, P4 4); r-power 2 of 4 (P1, P3).
/// As of 2024-03-31: P1 P2 P3 P4(lead) P6 → ready P1 (both met) and P4 (lead: tech 4 ≥ 4): 2 of 5; P3 has only tech 2.
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class ReadinessTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("readiness");

    public async Task InitializeAsync()
    {
        const string feb = "2024-02-01T00:00:00Z", aug = "2024-08-01T00:00:00Z";
        object Hire(string p, string role, string at = "2024-01-01T00:00:00Z") =>
            new { type = "person_hired", eventId = $"r-h-{p}", personId = p, department = "Data", role, team = "t1", occurredAt = at };
        var events = new List<object>
        {
            new { type = "skill_defined", eventId = "r-tech", skill = "r-tech", name = "Tech", scaleMin = 1, scaleMax = 5, category = "technical", occurredAt = "2023-01-01T00:00:00Z" },
            new { type = "skill_defined", eventId = "r-power", skill = "r-power", name = "Power", scaleMin = 1, scaleMax = 5, category = "power", occurredAt = "2023-01-01T00:00:00Z" },
            new { type = "role_profile_defined", eventId = "r-analyst", role = "r-analyst", requirements = new object[] { new { skill = "r-tech", level = 3 }, new { skill = "r-power", level = 2 } }, occurredAt = "2023-01-01T00:00:00Z" },
            new { type = "role_profile_defined", eventId = "r-lead", role = "r-lead", requirements = new object[] { new { skill = "r-tech", level = 4 } }, occurredAt = "2023-01-01T00:00:00Z" },
            Hire("P1", "r-analyst"), Hire("P2", "r-analyst"), Hire("P3", "r-analyst"), Hire("P4", "r-lead"), Hire("P5", "r-intern"),
            Hire("P6", "r-analyst"), Hire("P7", "r-analyst", "2025-01-15T00:00:00Z"),
            Events.Assessed("P1", "r-tech", 3, "test", "r-a1", feb), Events.Assessed("P1", "r-power", 2, "manager", "r-a2", feb),
            Events.Assessed("P2", "r-tech", 4, "test", "r-a3", feb), Events.Assessed("P2", "r-power", 1, "self", "r-a4", feb),
            Events.Assessed("P3", "r-tech", 2, "test", "r-a5", feb), Events.Assessed("P3", "r-tech", 4, "test", "r-a6", aug),
            Events.Assessed("P3", "r-power", 3, "manager", "r-a7", aug),
            Events.Assessed("P4", "r-tech", 4, "certification", "r-a8", feb),
            new { type = "person_moved", eventId = "r-m-P4", personId = "P4", role = "r-analyst", occurredAt = "2024-06-01T00:00:00Z" },
            new { type = "person_left", eventId = "r-l-P6", personId = "P6", reason = "voluntary", occurredAt = "2024-05-01T00:00:00Z" },
        };
        var response = await app.PostEventsAsync(events.ToArray());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Share_meeting_the_role_profile_per_skill_and_group_match_the_hand_count()
    {
        var body = await app.GetJsonAsync("/api/analytics/readiness?asOf=2024-12-31&by=category&minGroupSize=1");
        var overall = body.GetProperty("overall");
        Assert.Equal((4, 2, 0.5), (overall.GetProperty("people").GetInt32(), overall.GetProperty("ready").GetInt32(), overall.GetProperty("share").GetDouble()));
        Assert.Equal(0.150038, overall.GetProperty("ciLow").GetDouble(), 5);
        Assert.Equal(0.849962, overall.GetProperty("ciHigh").GetDouble(), 5);
        Assert.Equal(1, body.GetProperty("withoutProfile").GetInt32());
        Assert.Equal(["r-power 4 2", "r-tech 4 4"], body.GetProperty("skills").EnumerateArray()
            .Select(s => $"{s.GetProperty("skill").GetString()} {s.GetProperty("people").GetInt32()} {s.GetProperty("meeting").GetInt32()}"));
        // By category: power is required of four people (two meet it), technical of the same four (all meet it).
        Assert.Equal(["power 4 2", "technical 4 4"], Groups(body));
    }

    [Fact]
    public async Task Role_and_employment_are_taken_as_they_were_at_each_date()
    {
        var byRole = await app.GetJsonAsync("/api/analytics/readiness?asOf=2024-03-31&by=role&minGroupSize=1");
        // P4 was still a lead on 31 March (tech 4 meets the lead's 4); P6 had not left yet; P3 had only tech 2.
        Assert.Equal(["r-analyst 4 1", "r-lead 1 1"], Groups(byRole));
        var december = await app.GetJsonAsync("/api/analytics/readiness?asOf=2024-12-31");
        var march = december.GetProperty("trend").EnumerateArray().Single(p => p.GetProperty("at").GetDateTimeOffset() == new DateTimeOffset(2024, 3, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990));
        Assert.Equal((5, 2), (march.GetProperty("people").GetInt32(), march.GetProperty("ready").GetInt32()));
        var points = december.GetProperty("trend").EnumerateArray().ToList();
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990), points[^1].GetProperty("at").GetDateTimeOffset());
        // Nobody was employed before 2024: the trend starts in January 2024 (points without people are left out).
        Assert.Equal(12, points.Count);
    }

    [Fact]
    public async Task Today_it_agrees_with_the_gap_view_and_small_groups_are_suppressed()
    {
        // Now P7 has joined (no evidence): 5 people with a profile; ready P1, P3. The gap view says the same: people
        // whose every gap is 0.
        var body = await app.GetJsonAsync("/api/analytics/readiness?by=team&minGroupSize=6");
        var overall = body.GetProperty("overall");
        Assert.Equal((5, 2), (overall.GetProperty("people").GetInt32(), overall.GetProperty("ready").GetInt32()));
        var fromGaps = await AnalyticsTables(app.ConnectionString,
            $"select count(*) from (select person_id from analytics.team_skill_gap where org_id = '{app.Organisation}' group by person_id having max(gap) = 0) x");
        Assert.Equal(2, fromGaps);
        var team = body.GetProperty("groups").EnumerateArray().Single(); // t1: 5 people, fewer than 6
        Assert.True(team.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, team.GetProperty("share").ValueKind);
        Assert.Equal(2, body.GetProperty("overall").GetProperty("ready").GetInt32()); // the organisation's figure is never suppressed
    }

    [Fact]
    public async Task Bad_parameters_are_refused_with_the_field_named()
    {
        var response = await app.Client.GetAsync("/api/analytics/readiness?by=planet");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"by\"", await response.Content.ReadAsStringAsync());
        response = await app.Client.GetAsync("/api/analytics/readiness?asOf=yesterday");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("asOf", await response.Content.ReadAsStringAsync());
    }

    private static List<string> Groups(JsonElement body) => body.GetProperty("groups").EnumerateArray()
        .Select(g => $"{g.GetProperty("group").GetString()} {g.GetProperty("people").GetInt32()} {g.GetProperty("ready").GetInt32()}").ToList();

    private static Task<long> AnalyticsTables(string cs, string sql) => SkillsLedger.Tests.Analytics.AnalyticsTables.ScalarAsync(cs, sql);
}
