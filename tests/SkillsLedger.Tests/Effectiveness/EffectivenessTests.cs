using System.Text.Json;
using Marten.Events;
using Npgsql;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Effectiveness;

/// <summary>
/// Effectiveness against values worked by hand (docs/methods.md "Effectiveness", worked example). Skill eff-s (1–5, power);
/// course eff-c (coaching, 10 h, trains eff-s, programme eff-p without costs; loaded hourly cost 65 EUR). Role eff-r.
/// All assessments by test (method weight 0.9); 2024-01-01 → 2024-06-01 is 152 days, so the older of two gets weight
/// w1 = 0.9·0.5^(152/365) = 0.674345 and a pair (a, b) gives level (a·w1 + b·0.9)/(w1 + 0.9).
///   A  (learner): 2 then 4 → at completion (2024-03-01 12:00) 2, 180 days later (2024-08-28) 3.143333: Δ = 1.143333.
///   A2 (learner): 1 then 2.5 → Δ = 0.857500.
///   B: 2 then 2.5 → Δ = 0.285833.  C2: 3 on 2024-02-01 only → Δ = 0.  D: first assessed after the start → not compared.
///   E (another role) rises by 4 → not compared. A and A2 learned the skill in the window → not each other's comparison.
/// Comparison mean (B, C2) = 0.142917. d in points of the 4-level scale: A (1.143333 − 0.142917)/4·100 = 25.010403,
/// A2 17.864573. Mean 21.437488, s = 5.052864, t(0.975, 1) = 12.706205 → 95 % interval (−23.960697, 66.835674).
/// Per learning hour: (25.010403 + 17.864573)/20 h = 2.143749; per 1,000 EUR: 42.874976/1300·1000 = 32.980751.
/// F completes the course on 2024-12-01: its window ends after asOf (2025-01-01), so it is excluded and counted.
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class EffectivenessTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("effectiveness");

    public async Task InitializeAsync()
    {
        object Hire(string p, string role) => new { type = "person_hired", eventId = $"eff-h-{p}", personId = p, department = "D", role, occurredAt = "2023-06-01T00:00:00Z" };
        object Test(string p, decimal level, string at, int n) => Events.Assessed(p, "eff-s", level, "test", $"eff-a-{p}-{n}", at);
        object Done(string p, string at) => new { type = "course_completed", eventId = $"eff-c-{p}", personId = p, courseId = "eff-c", programId = "eff-p", hours = 10, occurredAt = at };
        const string jan = "2024-01-01T00:00:00Z", jun = "2024-06-01T00:00:00Z";
        var events = new object[]
        {
            new { type = "skill_defined", eventId = "eff-s", skill = "eff-s", name = "Eff", scaleMin = 1, scaleMax = 5, category = "power", occurredAt = "2023-01-01T00:00:00Z" },
            new { type = "course_defined", eventId = "eff-course", courseId = "eff-c", name = "Eff course", programId = "eff-p", modality = "coaching", hours = 10,
                skills = new object[] { new { skill = "eff-s" } }, occurredAt = "2023-01-01T00:00:00Z" },
            new { type = "roi_assumption_set", eventId = "eff-cost", name = "loaded_hourly_cost", value = 65, unit = "EUR/hour", occurredAt = "2023-01-01T00:00:00Z" },
            Hire("A", "eff-r"), Hire("A2", "eff-r"), Hire("B", "eff-r"), Hire("C2", "eff-r"), Hire("D", "eff-r"), Hire("E", "other"), Hire("F", "other"),
            Test("A", 2, jan, 1), Test("A", 4, jun, 2), Test("A2", 1, jan, 1), Test("A2", 2.5m, jun, 2), Test("B", 2, jan, 1), Test("B", 2.5m, jun, 2),
            Test("C2", 3, "2024-02-01T00:00:00Z", 1), Test("D", 3, "2024-05-01T00:00:00Z", 1), Test("E", 1, jan, 1), Test("E", 5, jun, 2),
            Done("A", "2024-03-01T12:00:00Z"), Done("A2", "2024-03-01T12:00:00Z"), Done("F", "2024-12-01T12:00:00Z"),
        };
        var response = await app.PostEventsAsync(events);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("course", "eff-c")]
    [InlineData("program", "eff-p")]
    [InlineData("modality", "coaching")]
    [InlineData("category", "power")]
    public async Task The_difference_to_comparable_colleagues_matches_the_hand_computation(string by, string group)
    {
        var body = await app.GetJsonAsync($"/api/analytics/effectiveness?by={by}&asOf=2025-01-01&minGroupSize=1");
        var g = body.GetProperty("groups").EnumerateArray().Single(x => x.GetProperty("group").GetString() == group);
        Assert.Equal((2, 2), (g.GetProperty("completions").GetInt32(), g.GetProperty("people").GetInt32()));
        Assert.Equal(21.437488, g.GetProperty("meanEffect").GetDouble(), 5);
        Assert.Equal(-23.960697, g.GetProperty("ciLow").GetDouble(), 4);
        Assert.Equal(66.835674, g.GetProperty("ciHigh").GetDouble(), 4);
        Assert.Equal(2.143749, g.GetProperty("effectPerHour").GetDouble(), 5);
        Assert.Equal(32.980751, g.GetProperty("effectPer1000").GetDouble(), 4);
        Assert.Equal(1300, g.GetProperty("cost").GetDouble(), 6);
        Assert.Equal(1, body.GetProperty("excluded").GetProperty("window not over by asOf").GetInt32());
        Assert.Contains("selection", body.GetProperty("threats").GetString());
    }

    [Fact]
    public async Task The_bi_view_holds_each_completion_with_the_hand_computed_values()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"""
            select person_id, level_start, level_end, comparison_people, comparison_mean_change, effect_points, excluded_reason, modality, role
              from analytics.completion_effect where org_id = '{app.Organisation}' and course_id = 'eff-c' order by person_id
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<(string Person, double? Start, double? End, int? People, double? Mean, double? Effect, string? Reason, string Modality, string? Role)>();
        while (await r.ReadAsync())
            rows.Add((r.GetString(0), r.IsDBNull(1) ? null : r.GetDouble(1), r.IsDBNull(2) ? null : r.GetDouble(2), r.IsDBNull(3) ? null : r.GetInt32(3),
                r.IsDBNull(4) ? null : r.GetDouble(4), r.IsDBNull(5) ? null : r.GetDouble(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7),
                r.IsDBNull(8) ? null : r.GetString(8)));
        Assert.Equal(["A", "A2", "F"], rows.Select(x => x.Person));
        var a = rows[0];
        Assert.Equal((2.0, 3.143333), (a.Start!.Value, Math.Round(a.End!.Value, 6)));
        Assert.Equal(2, a.People); // B and C2; A2 learned the skill in the window, D had no level at the start, E is in another role
        Assert.Equal(0.142917, a.Mean!.Value, 6);
        Assert.Equal(25.010403, a.Effect!.Value, 5);
        Assert.Equal(17.864573, rows[1].Effect!.Value, 5);
        Assert.Equal(("coaching", "eff-r"), (a.Modality, a.Role));
        // F (window over by now, 2024-12-01 + 180 days) was never assessed on the skill.
        Assert.Equal(("no level at completion", (double?)null), (rows[2].Reason, rows[2].Effect));
    }

    [Fact]
    public async Task Small_groups_are_suppressed_and_bad_parameters_refused()
    {
        var body = await app.GetJsonAsync("/api/analytics/effectiveness?by=course&asOf=2025-01-01");
        var g = body.GetProperty("groups").EnumerateArray().Single();
        Assert.True(g.GetProperty("suppressed").GetBoolean()); // 2 people < 5
        Assert.Equal(JsonValueKind.Null, g.GetProperty("meanEffect").ValueKind);
        foreach (var bad in new[] { "by=planet", "windowDays=5", "asOf=soon" })
        {
            var response = await app.Client.GetAsync("/api/analytics/effectiveness?" + bad);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(bad.Split('=')[0], await response.Content.ReadAsStringAsync());
        }
    }
}
