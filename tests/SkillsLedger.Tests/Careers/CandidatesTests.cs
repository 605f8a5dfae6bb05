using System.Net;
using Marten.Events;
using SkillsLedger.Access;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Careers;

/// <summary>
/// GET /api/roles/{role}/candidates against a hand calculation. Skill cd-sk 1–5; role cd-target requires 4 (0.75).
/// Hired 2024-01-01 into cd-home unless said: C1 sk 4 (fit 1, ready: 0 months); C2 sk 3 (fit 0.5/0.75 = 0.666667);
/// C3 never assessed (fit 0); C4 already in cd-target (left out); C5 left 2024-06-01 (left out); C6 sk 3 (02-01) then
/// 4 (05-01, 90 days = 2.956879 months): level (4 + 3·0.5^(90/365)) / (1 + 0.5^(90/365)) = 3.542625 → fit (3.542625 − 1)/4 / 0.75 = 0.847542.
/// Months to ready: C2 from 3 → C6 made 3 → 4 in 2.956879 months (n = 1); C6 from 3.5 and C3 from 1: nobody observed → unknown.
/// Strategic target cd-goal #0: cd-sk ≥ 4, headcount 3, scope role cd-home. In scope at the end of 2024: C1, C2, C3, C6; supply
/// = C1 (4 ≥ 4) = 1. Candidates = everyone employed not in supply: C4 (outside the scope, 5: fit 1, 0 months, inScope
/// false), C6 (0.847542), C2 (0.666667, 2.956879 months), C3 (0): the same one-skill fit as for the role.
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class CandidatesTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("careers-candidates");

    public async Task InitializeAsync()
    {
        object Hire(string p, string role = "cd-home") => new { type = "person_hired", eventId = $"cd-h-{p}", personId = p, department = "D", role, occurredAt = "2024-01-01T00:00:00Z" };
        object A(string p, int level, string at = "2024-02-01") => Events.Assessed(p, "cd-sk", level, "manager", $"cd-a-{p}-{at}", $"{at}T00:00:00Z");
        var response = await app.PostEventsAsync(
            new { type = "skill_defined", eventId = "cd-s", skill = "cd-sk", name = "Sk", scaleMin = 1, scaleMax = 5, occurredAt = "2023-01-01T00:00:00Z" },
            new { type = "role_profile_defined", eventId = "cd-r", role = "cd-target", requirements = new[] { new { skill = "cd-sk", level = 4 } }, occurredAt = "2023-01-01T00:00:00Z" },
            Hire("C1"), Hire("C2"), Hire("C3"), Hire("C4", "cd-target"), Hire("C5"), Hire("C6"),
            A("C1", 4), A("C2", 3), A("C4", 5), A("C5", 5), A("C6", 3), A("C6", 4, "2024-05-01"),
            new { type = "person_left", eventId = "cd-l-C5", personId = "C5", reason = "voluntary", occurredAt = "2024-06-01T00:00:00Z" },
            new { type = "strategic_goal_set", eventId = "cd-g", goalId = "cd-goal", name = "Bench", dueDate = "2026-12-31", occurredAt = "2024-01-01T00:00:00Z",
                targets = new object[] { new { skill = "cd-sk", level = 4, headcount = 3, scope = new { role = "cd-home" } } } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Employed_people_outside_the_role_are_ranked_by_fit_with_months_to_ready()
    {
        var body = await app.GetJsonAsync("/api/roles/cd-target/candidates?asOf=2024-12-31");
        var people = body.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(["C1", "C6", "C2", "C3"], people.Select(p => p.GetProperty("personId").GetString()));
        Assert.Equal(0.847542, people[1].GetProperty("fit").GetDouble(), 6);
        Assert.Equal(0.666667, people[2].GetProperty("fit").GetDouble(), 6);
        Assert.Equal(0.0, people[0].GetProperty("monthsToReady").GetDouble());
        Assert.Equal(2.956879, people[2].GetProperty("monthsToReady").GetDouble(), 6);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, people[1].GetProperty("monthsToReady").ValueKind);
        Assert.Equal(5, body.GetProperty("employed").GetInt32());
    }

    [Fact]
    public async Task Only_analysts_and_admins_may_ask_and_unknown_roles_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/roles/no-such-role/candidates")).StatusCode);
        using var auditor = await app.ClientForAsync(app.Organisation, Roles.Auditor);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/roles/cd-target/candidates")).StatusCode);
        using var analyst = await app.ClientForAsync(app.Organisation, Roles.Analyst);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/roles/cd-target/candidates")).StatusCode);
        using var employee = await app.ClientForAsync(app.Organisation, Roles.Employee, "C1");
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync("/api/roles/cd-target/candidates")).StatusCode);
    }

    [Fact]
    public async Task A_strategic_target_has_candidates_inside_and_outside_its_scope()
    {
        var body = await app.GetJsonAsync("/api/strategy/goals/cd-goal/targets/0/candidates?asOf=2024-12-31");
        Assert.Equal((1, 5), (body.GetProperty("supply").GetInt32(), body.GetProperty("employed").GetInt32()));
        var people = body.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(["C4", "C6", "C2", "C3"], people.Select(p => p.GetProperty("personId").GetString()));
        Assert.False(people[0].GetProperty("inScope").GetBoolean());
        Assert.True(people[1].GetProperty("inScope").GetBoolean());
        Assert.Equal(1.0, people[0].GetProperty("fit").GetDouble(), 9);
        Assert.Equal(0.847542, people[1].GetProperty("fit").GetDouble(), 6);
        Assert.Equal(2.956879, people[2].GetProperty("monthsToReady").GetDouble(), 6);

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/strategy/goals/cd-goal/targets/1/candidates")).StatusCode);
        var bad = await app.Client.GetAsync("/api/strategy/goals/cd-goal/targets/first/candidates");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"n\"", await bad.Content.ReadAsStringAsync());
        // Known at a record time before anything was recorded: the goal was not known then.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/strategy/goals/cd-goal/targets/0/candidates?asOf=2024-12-31&knownAt=2020-01-01")).StatusCode);
    }
}
