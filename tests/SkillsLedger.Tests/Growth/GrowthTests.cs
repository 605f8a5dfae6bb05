using Marten.Events;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Growth;

/// <summary>
/// Growth velocity against values worked by hand (slopes in levels per 365.25-day year):
///   G1 (programme gr-prog): 1 → 3 over 366 days            slope 2 / (366/365.25)  = 1.9959016393
///   G2 (programme gr-prog): 2 → 3 over 182 days            slope 1 / (182/365.25)  = 2.0068681319
///   G3 (no course):         2 → 2.5 over 366 days          slope 0.5 / (366/365.25) = 0.4989754098
///   G4 (no course):         3 → 4 over 19 days             excluded: less than 30 days apart
///   G5 (no course):         3, 3.5, 4 at days 0, 91, 182   OLS slope = 1 / (182/365.25) = 2.0068681319
/// Group means with 95 % t intervals (t₀.₉₇₅ with 1 df = 12.7062 and 3 df = 3.1824, from t tables):
///   gr-prog: mean 2.0013848856, sd 0.0077541, se 0.0054830 → (1.9317136360, 2.0710561352)
///   none:    mean 1.2529217709 → (−8.3268750523, 10.8327185940)
///   skill (all four): mean 1.6271533282 → (0.4303365084, 2.8239701480)
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class GrowthTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("growth");

    public async Task InitializeAsync()
    {
        var events = new List<object>
        {
            Events.SkillDefined("gr-skill", eventId: "gr-skill"),
            new { type = "course_completed", eventId = "gr-c1", personId = "G1", courseId = "gr-course", programId = "gr-prog", hours = 8, occurredAt = "2024-02-01T00:00:00Z" },
            new { type = "course_completed", eventId = "gr-c2", personId = "G2", courseId = "gr-course", programId = "gr-prog", hours = 8, occurredAt = "2024-02-01T00:00:00Z" },
        };
        foreach (var (p, team) in new[] { ("G1", "t1"), ("G2", "t1"), ("G3", "t2"), ("G4", "t2"), ("G5", "t2") })
            events.Add(new { type = "person_hired", eventId = $"gr-h-{p}", personId = p, department = "D", role = "gr-role", team, occurredAt = "2023-06-01T00:00:00Z" });
        void A(string p, decimal level, string at) => events.Add(Events.Assessed(p, "gr-skill", level, "test", $"gr-{p}-{at}", at + "T00:00:00Z"));
        A("G1", 1, "2024-01-01"); A("G1", 3, "2025-01-01");
        A("G2", 2, "2024-01-01"); A("G2", 3, "2024-07-01");
        A("G3", 2, "2024-01-01"); A("G3", 2.5m, "2025-01-01");
        A("G4", 3, "2024-01-01"); A("G4", 4, "2024-01-20");
        A("G5", 3, "2024-01-01"); A("G5", 3.5m, "2024-04-01"); A("G5", 4, "2024-07-01");
        var response = await app.PostEventsAsync(events.ToArray());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Dictionary<string, System.Text.Json.JsonElement>> GroupsAsync(string by)
    {
        var body = await app.GetJsonAsync($"/api/analytics/growth?by={by}&minGroupSize=1");
        Assert.Equal("levels per year", body.GetProperty("unit").GetString());
        return body.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
    }

    [Fact]
    public async Task By_program_compares_learners_of_each_programme_with_people_who_completed_none()
    {
        var groups = await GroupsAsync("program");
        Assert.Equal(2, groups["gr-prog"].GetProperty("n").GetInt32());
        Assert.Equal(2.0013848856, groups["gr-prog"].GetProperty("meanSlope").GetDouble(), 8);
        Assert.Equal(1.9317136360, groups["gr-prog"].GetProperty("ciLow").GetDouble(), 6);
        Assert.Equal(2.0710561352, groups["gr-prog"].GetProperty("ciHigh").GetDouble(), 6);
        Assert.Equal(2, groups["none"].GetProperty("n").GetInt32()); // G4 has no slope: under 30 days
        Assert.Equal(1.2529217709, groups["none"].GetProperty("meanSlope").GetDouble(), 8);
        Assert.Equal(-8.3268750523, groups["none"].GetProperty("ciLow").GetDouble(), 5);
        Assert.Equal(10.8327185940, groups["none"].GetProperty("ciHigh").GetDouble(), 5);
    }

    [Fact]
    public async Task By_skill_team_and_role_group_the_same_slopes()
    {
        var skill = (await GroupsAsync("skill"))["gr-skill"];
        Assert.Equal(4, skill.GetProperty("n").GetInt32());
        Assert.Equal(1.6271533282, skill.GetProperty("meanSlope").GetDouble(), 8);
        Assert.Equal(0.4303365084, skill.GetProperty("ciLow").GetDouble(), 6);
        Assert.Equal(2.8239701480, skill.GetProperty("ciHigh").GetDouble(), 6);

        var teams = await GroupsAsync("team");
        Assert.Equal(2, teams["t1"].GetProperty("n").GetInt32());
        Assert.Equal(2, teams["t2"].GetProperty("n").GetInt32());
        var roles = await GroupsAsync("role");
        Assert.Equal(4, roles["gr-role"].GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Groups_with_fewer_people_than_the_minimum_show_n_only()
    {
        var body = await app.GetJsonAsync("/api/analytics/growth?by=program");   // default minimum: 5 people
        var prog = body.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "gr-prog");
        Assert.True(prog.GetProperty("suppressed").GetBoolean());
        Assert.Equal(2, prog.GetProperty("n").GetInt32());
        Assert.Equal(2, prog.GetProperty("people").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, prog.GetProperty("meanSlope").ValueKind);
    }
}
