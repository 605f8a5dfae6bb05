using System.Net;
using System.Text.Json;
using Marten.Events;
using SkillsLedger.Access;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Careers;

/// <summary>
/// GET /api/people/{personId}/routes against a hand calculation. Skills rt-sql and rt-ml, both 1–5. Roles rt-analyst
/// (sql 3), rt-scientist (sql 3, ml 4), rt-engineer (sql 5). Goal rt-goal: ml ≥ 4 for 2 people in role rt-scientist.
/// Courses on ml: c1 10 h aims at 4, c2 5 h at 3, c3 20 h at 5, c4 40 h at 4. All hired into rt-analyst 2024-01-01.
///   R0 (the subject): sql 3, ml 2 (2024-02-01).
///   R1: ml 2 (02-01), completes c1 10 h (03-01), ml 4 (05-01: 90 days = 2.956879 months), moves to rt-scientist 06-01.
///   R2: ml 2.5 (02-01, within ±0.5 of 2), c2 5 h (02-15), c1 10 h (04-01), ml 3 (06-01), ml 4.5 (08-01: 182 days = 5.979466
///       months, 15 h), moves to rt-scientist 09-01. Level as of 2024-12-31 (recency weights 1, 0.8907, 0.7078) = 3.44 &lt; 4.
///   R3: ml 4 (02-01; not within ±0.5 of 2), moves to rt-engineer 03-01.
/// As of 2024-12-31: moves out of rt-analyst 3 (scientist 2, engineer 1). Open headcount for rt-scientist: 2 − 0 = 2 (R1's level is
/// the recency-weighted mean of 2 and 4 ≈ 3.08, R2's 3.44: neither at 4 yet), the only demand, so demandShare 1.
/// R0's fit: scientist (0.5 + 0.25) / 1.25 = 0.6, engineer 0.5 / 1 = 0.5.
/// Score scientist 0.6·0.6 + 0.25·2/3 + 0.15·1 = 0.676667; engineer 0.6·0.5 + 0.25·1/3 + 0 = 0.383333.
/// Scientist's one step, ml 2 → 4: courses c1, c3, c4 (aiming ≥ 4 first, then shortest); to knowledge n = 2 (R1, R2):
/// months median 4.468172, hours 10 and 15 → median 12.5, quartiles 11.25 / 13.75; to mastery (5): nobody yet.
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class RoutesTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("careers-routes");

    public async Task InitializeAsync()
    {
        const string y = "2023-01-01T00:00:00Z";
        object Role(string role, params (string Skill, int Level)[] req) =>
            new { type = "role_profile_defined", eventId = $"rt-{role}", role, requirements = req.Select(r => new { skill = r.Skill, level = r.Level }).ToArray(), occurredAt = y };
        object Course(string id, int hours, int target) => new
        {
            type = "course_defined", eventId = $"rt-{id}", courseId = id, name = id.ToUpperInvariant(), modality = "online", hours, skills = new[] { new { skill = "rt-ml", targetLevel = target } }, occurredAt = y,
        };
        object Hire(string p) => new { type = "person_hired", eventId = $"rt-h-{p}", personId = p, department = "D", role = "rt-analyst", occurredAt = "2024-01-01T00:00:00Z" };
        object A(string p, string skill, double level, string at) => Events.Assessed(p, skill, (decimal)level, "manager", $"rt-a-{p}-{skill}-{at}", $"{at}T00:00:00Z");
        object Done(string p, string course, int hours, string at) =>
            new { type = "course_completed", eventId = $"rt-c-{p}-{course}", personId = p, courseId = course, hours, skills = new[] { "rt-ml" }, occurredAt = $"{at}T00:00:00Z" };
        object Move(string p, string role, string at) => new { type = "person_moved", eventId = $"rt-m-{p}", personId = p, role, occurredAt = $"{at}T00:00:00Z" };
        var response = await app.PostEventsAsync(
            new { type = "skill_defined", eventId = "rt-s1", skill = "rt-sql", name = "SQL", scaleMin = 1, scaleMax = 5, occurredAt = y },
            new { type = "skill_defined", eventId = "rt-s2", skill = "rt-ml", name = "ML", scaleMin = 1, scaleMax = 5, occurredAt = y },
            Role("rt-analyst", ("rt-sql", 3)), Role("rt-scientist", ("rt-sql", 3), ("rt-ml", 4)), Role("rt-engineer", ("rt-sql", 5)),
            new { type = "strategic_goal_set", eventId = "rt-goal-1", goalId = "rt-goal", name = "ML bench", dueDate = "2026-12-31",
                targets = new[] { new { skill = "rt-ml", level = 4, headcount = 2, scope = new { role = "rt-scientist" } } }, occurredAt = y },
            Course("c1", 10, 4), Course("c2", 5, 3), Course("c3", 20, 5), Course("c4", 40, 4),
            Hire("R0"), Hire("R1"), Hire("R2"), Hire("R3"),
            A("R0", "rt-sql", 3, "2024-02-01"), A("R0", "rt-ml", 2, "2024-02-01"),
            A("R1", "rt-ml", 2, "2024-02-01"), Done("R1", "c1", 10, "2024-03-01"), A("R1", "rt-ml", 4, "2024-05-01"), Move("R1", "rt-scientist", "2024-06-01"),
            A("R2", "rt-ml", 2.5, "2024-02-01"), Done("R2", "c2", 5, "2024-02-15"), Done("R2", "c1", 10, "2024-04-01"), A("R2", "rt-ml", 3, "2024-06-01"),
            A("R2", "rt-ml", 4.5, "2024-08-01"), Move("R2", "rt-scientist", "2024-09-01"),
            A("R3", "rt-ml", 4, "2024-02-01"), Move("R3", "rt-engineer", "2024-03-01"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Next_roles_are_scored_from_fit_moves_and_demand_as_computed_by_hand()
    {
        var body = await app.GetJsonAsync("/api/people/R0/routes?asOf=2024-12-31");
        Assert.Equal(("rt-analyst", 3), (body.GetProperty("currentRole").GetString(), body.GetProperty("movesOutOfCurrentRole").GetInt32()));
        var routes = body.GetProperty("routes").EnumerateArray().ToList();
        Assert.Equal(["rt-scientist", "rt-engineer"], routes.Select(r => r.GetProperty("role").GetString()));
        Assert.Equal(0.676667, routes[0].GetProperty("score").GetDouble(), 6);
        Assert.Equal(0.383333, routes[1].GetProperty("score").GetDouble(), 6);
        Assert.Equal((2, 2), (routes[0].GetProperty("movesFromCurrentRole").GetInt32(), routes[0].GetProperty("openHeadcount").GetInt32()));
        Assert.Equal(0.6, routes[0].GetProperty("fit").GetDouble(), 9);
        Assert.Contains("2 of 3 observed moves", routes[0].GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task Each_step_has_courses_and_the_time_others_took()
    {
        var body = await app.GetJsonAsync("/api/people/R0/routes?asOf=2024-12-31&top=1");
        var route = Assert.Single(body.GetProperty("routes").EnumerateArray());
        var step = Assert.Single(route.GetProperty("steps").EnumerateArray());
        Assert.Equal(("rt-ml", true, 2.0), (step.GetProperty("skill").GetString(), step.GetProperty("strategic").GetBoolean(), step.GetProperty("gap").GetDouble()));
        Assert.Equal(["c1", "c3", "c4"], step.GetProperty("courses").EnumerateArray().Select(c => c.GetProperty("courseId").GetString()));
        var knowledge = step.GetProperty("toKnowledge");
        Assert.Equal(2, knowledge.GetProperty("people").GetInt32());
        Assert.Equal(4.468172, knowledge.GetProperty("months").GetProperty("median").GetDouble(), 6);
        var hours = knowledge.GetProperty("learningHours");
        Assert.Equal((12.5, 11.25, 13.75), (hours.GetProperty("median").GetDouble(), hours.GetProperty("p25").GetDouble(), hours.GetProperty("p75").GetDouble()));
        var mastery = step.GetProperty("toMastery");
        Assert.Equal(0, mastery.GetProperty("people").GetInt32());
        Assert.Equal(JsonValueKind.Null, mastery.GetProperty("months").ValueKind);
    }

    [Fact]
    public async Task Employees_read_only_their_own_routes_and_bad_input_is_named()
    {
        using var self = await app.ClientForAsync(app.Organisation, Roles.Employee, "R0");
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync("/api/people/R0/routes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await self.GetAsync("/api/people/R1/routes")).StatusCode);
        var bad = await app.Client.GetAsync("/api/people/R0/routes?top=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("top", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/people/NOBODY/routes")).StatusCode);
    }
}
