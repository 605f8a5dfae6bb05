using System.Net;
using System.Text.Json;
using Marten.Events;
using SkillsLedger.Access;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Careers;

/// <summary>
/// GET /api/people/{personId}/learning-path against a hand calculation. Skills lp-sk and lp-x, both 1–5. Role lp-role
/// requires lp-sk 4. Goal lp-goal: lp-sk ≥ 4 (whole organisation) and lp-x ≥ 2 (department D). L0 (D, lp-role): lp-sk 2,
/// lp-x never assessed.
///   lp-sk: required 4, gap 0.75 − 0.25 = 0.5 (0–1), 1 target → urgency 0.5 × 2 = 1.0.
///   lp-x: required 2, gap 0.25 − 0 = 0.25, 1 target → urgency 0.5.
/// Courses on lp-sk: k1 10 h aims at 4, k2 5 h at 3, k3 8 h at 5. Others (assessed 02-01, course 03-01, assessed 04-01):
///   L1 2 → k1 → 3 (0.1 per hour); L2 2.5 → k1 → 4.5 (0.2); L3 2 → k2 → 2.5 (0.1); L4 4 → k1 → 5 (outside ±0.5 of 2: left out).
/// minGroupSize 2: k1 n = 2, mean 0.15, sd 0.0707107, t(0.975, 1) = 12.706205 → half-width 0.635310, [−0.485310, 0.785310];
/// k2 (n = 1) and k3 (n = 0) catalogue only: k3 (aims at 5 ≥ 4) before k2. minGroupSize 1: k1, k2 (0.1), then k3.
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class LearningPathTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("careers-learning-path");

    public async Task InitializeAsync()
    {
        const string y = "2023-01-01T00:00:00Z";
        object Course(string id, int hours, int target) => new
        {
            type = "course_defined", eventId = $"lp-{id}", courseId = id, name = id.ToUpperInvariant(), modality = "online", hours, skills = new[] { new { skill = "lp-sk", targetLevel = target } }, occurredAt = y,
        };
        object Hire(string p) => new { type = "person_hired", eventId = $"lp-h-{p}", personId = p, department = "D", role = "lp-role", occurredAt = "2024-01-01T00:00:00Z" };
        object A(string p, double level, string at) => Events.Assessed(p, "lp-sk", (decimal)level, "manager", $"lp-a-{p}-{at}", $"{at}T00:00:00Z");
        object Done(string p, string course, int hours) =>
            new { type = "course_completed", eventId = $"lp-c-{p}", personId = p, courseId = course, hours, skills = new[] { "lp-sk" }, occurredAt = "2024-03-01T00:00:00Z" };
        var events = new List<object>
        {
            new { type = "skill_defined", eventId = "lp-s1", skill = "lp-sk", name = "Sk", scaleMin = 1, scaleMax = 5, occurredAt = y },
            new { type = "skill_defined", eventId = "lp-s2", skill = "lp-x", name = "X", scaleMin = 1, scaleMax = 5, occurredAt = y },
            new { type = "role_profile_defined", eventId = "lp-r", role = "lp-role", requirements = new[] { new { skill = "lp-sk", level = 4 } }, occurredAt = y },
            new { type = "strategic_goal_set", eventId = "lp-g", goalId = "lp-goal", name = "Bench", dueDate = "2026-12-31", occurredAt = y,
                targets = new object[] { new { skill = "lp-sk", level = 4, headcount = 1 }, new { skill = "lp-x", level = 2, headcount = 1, scope = new { department = "D" } } } },
            Course("k1", 10, 4), Course("k2", 5, 3), Course("k3", 8, 5),
            Hire("L0"), Hire("L1"), Hire("L2"), Hire("L3"), Hire("L4"), A("L0", 2, "2024-02-01"),
            A("L1", 2, "2024-02-01"), Done("L1", "k1", 10), A("L1", 3, "2024-04-01"),
            A("L2", 2.5, "2024-02-01"), Done("L2", "k1", 10), A("L2", 4.5, "2024-04-01"),
            A("L3", 2, "2024-02-01"), Done("L3", "k2", 5), A("L3", 2.5, "2024-04-01"),
            A("L4", 4, "2024-02-01"), Done("L4", "k1", 10), A("L4", 5, "2024-04-01"),
        };
        var response = await app.PostEventsAsync(events.ToArray());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Gaps_come_by_urgency_with_courses_chosen_by_evidence()
    {
        var body = await app.GetJsonAsync("/api/people/L0/learning-path?asOf=2024-12-31&minGroupSize=2");
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["lp-sk", "lp-x"], items.Select(i => i.GetProperty("skill").GetString()));
        Assert.Equal(1.0, items[0].GetProperty("urgency").GetDouble(), 9);
        Assert.Equal(0.5, items[1].GetProperty("urgency").GetDouble(), 9);
        Assert.Equal(["lp-goal"], items[0].GetProperty("goals").EnumerateArray().Select(g => g.GetString()));

        var courses = items[0].GetProperty("courses").EnumerateArray().ToList();
        Assert.Equal(["k1", "k3", "k2"], courses.Select(c => c.GetProperty("courseId").GetString()));
        Assert.Equal(2, courses[0].GetProperty("people").GetInt32());
        Assert.Equal(0.15, courses[0].GetProperty("gainPerHour").GetDouble(), 9);
        Assert.Equal(-0.485310, courses[0].GetProperty("ciLow").GetDouble(), 5);
        Assert.Equal(0.785310, courses[0].GetProperty("ciHigh").GetDouble(), 5);
        Assert.StartsWith("catalogue only, no evidence yet", courses[2].GetProperty("basis").GetString());
        Assert.Equal((1, JsonValueKind.Null), (courses[2].GetProperty("people").GetInt32(), courses[2].GetProperty("gainPerHour").ValueKind));
        Assert.Empty(items[1].GetProperty("courses").EnumerateArray());
    }

    [Fact]
    public async Task A_smaller_group_size_lets_thinner_evidence_count()
    {
        var body = await app.GetJsonAsync("/api/people/L0/learning-path?asOf=2024-12-31&minGroupSize=1");
        var courses = body.GetProperty("items")[0].GetProperty("courses").EnumerateArray().ToList();
        Assert.Equal(["k1", "k2", "k3"], courses.Select(c => c.GetProperty("courseId").GetString()));
        Assert.Equal(0.1, courses[1].GetProperty("gainPerHour").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, courses[1].GetProperty("ciLow").ValueKind); // one person: no interval
    }

    [Fact]
    public async Task Employees_read_only_their_own_path()
    {
        using var self = await app.ClientForAsync(app.Organisation, Roles.Employee, "L0");
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync("/api/people/L0/learning-path")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await self.GetAsync("/api/people/L1/learning-path")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client.GetAsync("/api/people/L0/learning-path?asOf=soon")).StatusCode);
    }
}
