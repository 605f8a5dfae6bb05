using Marten.Events;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Growth;

/// <summary>
/// A person's several skills count once (issue 14 item 3), and a group that mixes scales is compared in shares of the
/// scale. Every pair of assessments is 366 days apart, so a rise of Δ levels is a slope of Δ·f, f = 365.25/366.
/// Team mx mixes a 1–5 and a 0–100 skill, so the whole answer is in shares of the scale per year (groups of one answer
/// share one unit, to be comparable):
///   team mt (1–5 only): M1 ms-a +1 of 4 (0.25f) and ms-b +2 of 4 (0.5f) → per person 0.375f; M2 ms-a +3 of 4 → 0.75f.
///     n = 2 people from 3 person-skills; mean 0.5625f = 0.5613473361, s = 0.375f/√2 = 0.2646216720,
///     t(0.975, 1) = 12.7062 → (−1.8161841, 2.9388787). Counting person-skills would have said n = 3.
///   team mx: M3 ms-a +1 of 4 (0.25f) and ms-c +50 of 100 (0.5f) → 0.375f; M4 ms-c +20 of 100 → 0.2f.
///     mean 0.2875f = 0.2869108607, s = 0.1234901136 → (−0.8226038, 1.3964255).
/// By skill, every group is on one scale but the answer mixes them: shares too (ms-a: M1 0.25f, M2 0.75f, M3 0.25f).
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class GrowthPeopleTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("growth-people");

    public async Task InitializeAsync()
    {
        var events = new List<object>
        {
            Events.SkillDefined("ms-a", 1, 5, "ms-a"), Events.SkillDefined("ms-b", 1, 5, "ms-b"), Events.SkillDefined("ms-c", 0, 100, "ms-c"),
        };
        foreach (var (p, team) in new[] { ("M1", "mt"), ("M2", "mt"), ("M3", "mx"), ("M4", "mx") })
            events.Add(new { type = "person_hired", eventId = $"ms-h-{p}", personId = p, department = "D", role = "ms-role", team, occurredAt = "2023-06-01T00:00:00Z" });
        void Rise(string p, string skill, decimal from, decimal to)
        {
            events.Add(Events.Assessed(p, skill, from, "test", $"ms-{p}-{skill}-1", "2024-01-01T00:00:00Z"));
            events.Add(Events.Assessed(p, skill, to, "test", $"ms-{p}-{skill}-2", "2025-01-01T00:00:00Z"));
        }
        Rise("M1", "ms-a", 1, 2); Rise("M1", "ms-b", 2, 4); Rise("M2", "ms-a", 1, 4);
        Rise("M3", "ms-a", 1, 2); Rise("M3", "ms-c", 0, 50); Rise("M4", "ms-c", 10, 30);
        var response = await app.PostEventsAsync(events.ToArray());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_person_with_several_skills_counts_once_and_mixed_scales_become_shares()
    {
        var body = await app.GetJsonAsync("/api/analytics/growth?by=team&minGroupSize=1");
        var groups = body.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);

        var mt = groups["mt"];
        Assert.Equal(2, mt.GetProperty("n").GetInt32());
        Assert.Equal(3, mt.GetProperty("personSkills").GetInt32());
        Assert.StartsWith("share of the skill's scale per year", mt.GetProperty("unit").GetString());
        Assert.Equal(0.5613473361, mt.GetProperty("meanSlope").GetDouble(), 9);
        Assert.Equal(0.2646216720, mt.GetProperty("stdDev").GetDouble(), 9);
        Assert.Equal(-1.8161841, mt.GetProperty("ciLow").GetDouble(), 4);
        Assert.Equal(2.9388787, mt.GetProperty("ciHigh").GetDouble(), 4);

        var mx = groups["mx"];
        Assert.Equal((2, 3), (mx.GetProperty("n").GetInt32(), mx.GetProperty("personSkills").GetInt32()));
        Assert.StartsWith("share of the skill's scale per year", mx.GetProperty("unit").GetString());
        Assert.Equal(0.2869108607, mx.GetProperty("meanSlope").GetDouble(), 9);
        Assert.Equal(-0.8226038, mx.GetProperty("ciLow").GetDouble(), 4);
        Assert.Equal(1.3964255, mx.GetProperty("ciHigh").GetDouble(), 4);

        var bySkill = (await app.GetJsonAsync("/api/analytics/growth?by=skill&minGroupSize=1")).GetProperty("groups")
            .EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        Assert.Equal(3, bySkill["ms-a"].GetProperty("n").GetInt32());
        Assert.Equal(1.25 / 3 * 365.25 / 366, bySkill["ms-a"].GetProperty("meanSlope").GetDouble(), 9);
    }
}
