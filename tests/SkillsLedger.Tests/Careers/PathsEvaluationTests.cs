using System.Net;
using Marten.Events;
using System.Text.Json;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Careers;

/// <summary>
/// GET /api/evaluation/paths on a tiny ledger, against a hand calculation. Everything is posted now, after T =
/// 2024-12-31, so "known at T" is business time alone (businessTimeOnly). Skill ev-sk 1–5. Roles: ev-a needs 4, ev-b 2,
/// ev-c 5, ev-d 3, ev-e 4.5. Courses on ev-sk, all 10 h except ev-cd 20 h: ev-ca, ev-cb, ev-cc aim at 5, ev-cd at 3.
/// Everyone hired into ev-a on 2024-01-01.
/// Before T: P1 2 (02-01) → ev-ca (03-01) → 4 (04-01): 0.2 per hour; P2 2 → ev-cb → 3: 0.1; P3 4.5, ev-cb, no later
/// assessment. Most popular for ev-sk by T: ev-cb (2 completions) over ev-ca (1). M1, M2 move ev-a → ev-c in 2024.
/// Paths at T (minGroupSize 1) for Q1–Q4 (ev-sk 2 on 2024-02-01, gap to 4): ev-ca (0.2, n 1), ev-cb (0.1, n 1), then
/// catalogue only ev-cc (aims at 5 ≥ 4) before ev-cd (aims at 3). Suggested = ev-ca, ev-cb, ev-cc; first = ev-ca.
/// Random baseline (seed 42, FNV-1a of "42|person|ev-sk" mod 4 over ev-ca, ev-cb, ev-cc, ev-cd; computed apart in Python):
/// Q1 ev-cd, Q2 ev-cc, Q3 ev-cb, Q4 ev-ca.
/// After T (gain per hour = (after − before) / hours):
///   Q1 ev-ca 03-01, 4 on 04-01: 2/10 = 0.2 (suggested, first)   Q2 ev-cd, 3: 1/20 = 0.05 (not suggested)
///   Q3 ev-cb, 2.5: 0.05 (suggested, popular, random); ev-cd 06-01, 4.5 on 07-01: (4.5 − 2.5)/20 = 0.1 (not suggested)
///   Q4 ev-ca, 3: 0.1 (suggested, first, random)
/// People means: suggested Q1 0.2, Q3 0.05, Q4 0.1 → 0.116667, s² = (0.083333² + 0.066667² + 0.016667²)/2 = 0.0058333,
///   se = 0.044096, t(0.975, 2) = 4.302653 → ±0.189729 → [−0.073062, 0.306396]; not suggested Q2 0.05, Q3 0.1 → 0.075,
///   s² 0.00125; not first: Q2 0.05, Q3 (0.05 + 0.1)/2 = 0.075 → 0.0625; all: Q1 0.2, Q2 0.05, Q3 0.075, Q4 0.1 → 0.10625; popular: Q3 alone (0.05, no interval); random: Q3 0.05, Q4 0.1.
/// suggested − not suggested = 0.041667, ν = (0.0019444 + 0.000625)² / (0.0019444²/2 + 0.000625²/1) = 2.894290.
/// first − random: 0.15 − 0.075 = 0.075, ν = 0.003125² / (0.0025² + 0.000625²) = 1.470588.
/// Routes at T for Q1–Q3 (fit for ev-b 1, ev-c 0.25, ev-d 0.5, ev-e 0.25/0.875 = 0.285714; moves out of ev-a: 2 to ev-c):
///   scores ev-b 0.6, ev-c 0.6 × 0.25 + 0.25 = 0.4, ev-d 0.3, ev-e 0.171429 → top 3 ev-b, ev-c, ev-d; baseline top 1 ev-c.
///   Q1 → ev-b (routes hit), Q2 → ev-c (both hit), Q3 → ev-e (both miss): routes 2/3, Wilson (p̂ + z²/2n ± z√(p̂q̂/n + z²/4n²)) / (1 + z²/n),
///   z = 1.959964, by calculator: [0.207660, 0.938508]; baseline 1/3: [0.061492, 0.792340]; discordant: routes only 1, baseline only 0.
/// People employed at T: P1–P3, Q1–Q4, M1, M2 = 9; with gaps all but P3 (4.5) = 8: P1's level at T is recency-weighted,
/// (2 × 0.5^(60/365) + 4 × 1) / (0.5^(60/365) + 1) = (2 × 0.892 + 4) / 1.892 = 3.06 < 4.
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class PathsEvaluationTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("careers-paths");

    public async Task InitializeAsync()
    {
        const string y = "2023-01-01T00:00:00Z";
        object Role(string id, double level) => new { type = "role_profile_defined", eventId = $"ev-r-{id}", role = id, requirements = new[] { new { skill = "ev-sk", level } }, occurredAt = y };
        object Course(string id, int hours, int target) => new
        {
            type = "course_defined", eventId = $"ev-{id}", courseId = id, name = id, modality = "online", hours, skills = new[] { new { skill = "ev-sk", targetLevel = target } }, occurredAt = y,
        };
        object Hire(string p) => new { type = "person_hired", eventId = $"ev-h-{p}", personId = p, department = "D", role = "ev-a", occurredAt = "2024-01-01T00:00:00Z" };
        object A(string p, double level, string day) => Events.Assessed(p, "ev-sk", (decimal)level, "manager", $"ev-a-{p}-{day}", $"{day}T00:00:00Z");
        object Done(string p, string course, int hours, string day) =>
            new { type = "course_completed", eventId = $"ev-c-{p}-{day}", personId = p, courseId = course, hours, skills = new[] { "ev-sk" }, occurredAt = $"{day}T12:00:00Z" };
        object Move(string p, string role, string day) => new { type = "person_moved", eventId = $"ev-m-{p}", personId = p, role, occurredAt = $"{day}T00:00:00Z" };
        var events = new List<object>
        {
            new { type = "skill_defined", eventId = "ev-s", skill = "ev-sk", name = "Sk", scaleMin = 1, scaleMax = 5, occurredAt = y },
            Role("ev-a", 4), Role("ev-b", 2), Role("ev-c", 5), Role("ev-d", 3), Role("ev-e", 4.5),
            Course("ev-ca", 10, 5), Course("ev-cb", 10, 5), Course("ev-cc", 10, 5), Course("ev-cd", 20, 3),
            Hire("P1"), Hire("P2"), Hire("P3"), Hire("Q1"), Hire("Q2"), Hire("Q3"), Hire("Q4"), Hire("M1"), Hire("M2"),
            A("P1", 2, "2024-02-01"), Done("P1", "ev-ca", 10, "2024-03-01"), A("P1", 4, "2024-04-01"),
            A("P2", 2, "2024-02-01"), Done("P2", "ev-cb", 10, "2024-03-01"), A("P2", 3, "2024-04-01"),
            A("P3", 4.5, "2024-02-01"), Done("P3", "ev-cb", 10, "2024-03-01"),
            Move("M1", "ev-c", "2024-06-01"), Move("M2", "ev-c", "2024-07-01"),
            A("Q1", 2, "2024-02-01"), A("Q2", 2, "2024-02-01"), A("Q3", 2, "2024-02-01"), A("Q4", 2, "2024-02-01"),
            Done("Q1", "ev-ca", 10, "2025-03-01"), A("Q1", 4, "2025-04-01"),
            Done("Q2", "ev-cd", 20, "2025-03-01"), A("Q2", 3, "2025-04-01"),
            Done("Q3", "ev-cb", 10, "2025-03-01"), A("Q3", 2.5, "2025-04-01"), Done("Q3", "ev-cd", 20, "2025-06-01"), A("Q3", 4.5, "2025-07-01"),
            Done("Q4", "ev-ca", 10, "2025-03-01"), A("Q4", 3, "2025-04-01"),
            Move("Q1", "ev-b", "2025-05-01"), Move("Q2", "ev-c", "2025-05-01"), Move("Q3", "ev-e", "2025-05-01"),
        };
        var response = await app.PostEventsAsync(events.ToArray());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<JsonElement> EvaluateAsync() => app.GetJsonAsync("/api/evaluation/paths?asOf=2024-12-31&horizonMonths=12&minGroupSize=1");

    [Fact]
    public async Task Learning_path_groups_and_differences_match_the_hand_calculation()
    {
        var body = await EvaluateAsync();
        Assert.True(body.GetProperty("businessTimeOnly").GetBoolean());
        var lp = body.GetProperty("learningPaths");
        Assert.Equal((9, 8, 5), (lp.GetProperty("people").GetInt32(), lp.GetProperty("peopleWithGaps").GetInt32(), lp.GetProperty("completions").GetInt32()));
        var groups = lp.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        void Group(string name, int people, int completions, double mean)
        {
            Assert.Equal(people, groups[name].GetProperty("people").GetInt32());
            Assert.Equal(completions, groups[name].GetProperty("completions").GetInt32());
            Assert.Equal(mean, groups[name].GetProperty("mean").GetDouble(), 6);
        }
        Group("suggested", 3, 3, 0.116667);
        Group("not suggested", 2, 2, 0.075);
        Group("first suggestion", 2, 2, 0.15);
        Group("not first", 2, 3, 0.0625);
        Group("most popular", 1, 1, 0.05);
        Group("random", 2, 2, 0.075);
        Group("all", 4, 5, 0.10625);
        Assert.Equal(-0.073062, groups["suggested"].GetProperty("ciLow").GetDouble(), 5);
        Assert.Equal(0.306396, groups["suggested"].GetProperty("ciHigh").GetDouble(), 5);
        Assert.Equal(JsonValueKind.Null, groups["most popular"].GetProperty("ciLow").ValueKind);

        var differences = lp.GetProperty("differences").EnumerateArray().ToDictionary(d => d.GetProperty("comparison").GetString()!);
        Assert.Equal(0.041667, differences["suggested − not suggested"].GetProperty("difference").GetDouble(), 6);
        Assert.Equal(2.894290, differences["suggested − not suggested"].GetProperty("df").GetDouble(), 5);
        Assert.Equal(0.075, differences["first suggestion − random"].GetProperty("difference").GetDouble(), 9);
        Assert.Equal(1.470588, differences["first suggestion − random"].GetProperty("df").GetDouble(), 5);
        Assert.Equal(JsonValueKind.Null, differences["suggested − most popular"].GetProperty("difference").ValueKind);
    }

    [Fact]
    public async Task Route_hit_rates_match_the_hand_calculation()
    {
        var routes = (await EvaluateAsync()).GetProperty("routes");
        Assert.Equal(3, routes.GetProperty("moves").GetInt32());
        var rates = routes.GetProperty("rates").EnumerateArray().ToList();
        Assert.Equal((2, 1), (rates[0].GetProperty("hits").GetInt32(), rates[1].GetProperty("hits").GetInt32()));
        Assert.Equal(0.207660, rates[0].GetProperty("ciLow").GetDouble(), 5);
        Assert.Equal(0.938508, rates[0].GetProperty("ciHigh").GetDouble(), 5);
        Assert.Equal(0.061492, rates[1].GetProperty("ciLow").GetDouble(), 5);
        Assert.Equal(0.792340, rates[1].GetProperty("ciHigh").GetDouble(), 5);
        Assert.Equal((1, 0), (routes.GetProperty("methodOnly").GetInt32(), routes.GetProperty("baselineOnly").GetInt32()));
    }

    [Fact]
    public async Task Bad_parameters_are_refused_naming_the_field()
    {
        var response = await app.Client.GetAsync("/api/evaluation/paths?asOf=2024-12-31&horizonMonths=0");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("horizonMonths", await response.Content.ReadAsStringAsync());
    }
}
