using Marten;
using Marten.Events;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Generations;

/// <summary>
/// Generations (issue 15 item 5) against hand counts. Everyone hired 2024-01-01; asOf 2026-06-30, so the last year is
/// (2025-06-30, 2026-06-30].
///   G1 1960, G2 1964 → baby boomers (≤ 1964);  G3 1965, G4 1980 → gen x (G4 left 2025-03-01, before the last year);
///   G5 1981, G6 1996 → millennials;  G7 1997 → gen z;  G8 no year → unknown;
///   G9 hired as 2000 (gen z), then updated to 1990 → millennials (the latest statement counts);
///   G10 1985 → millennials until erased, then unknown.
/// Completions in the last year: G1, G3, G5, G9. G1 was assessed on g-skill 2 (2024-02-01) and 4 (2025-02-01).
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class GenerationTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("generations");

    private const string AsOf = "2026-06-30";

    public async Task InitializeAsync()
    {
        object Hire(string p, int? year) => year is { } y
            ? new { type = "person_hired", eventId = $"g-h-{p}", personId = p, department = "D", role = "r", birthYear = y, occurredAt = "2024-01-01T00:00:00Z" }
            : new { type = "person_hired", eventId = $"g-h-{p}", personId = p, department = "D", role = "r", occurredAt = "2024-01-01T00:00:00Z" };
        object Completed(string p) => new { type = "course_completed", eventId = $"g-c-{p}", personId = p, courseId = "c1", hours = 4, occurredAt = "2026-01-15T00:00:00Z" };
        var response = await app.PostEventsAsync(
            Events.SkillDefined("g-skill", eventId: "g-skill"),
            Hire("G1", 1960), Hire("G2", 1964), Hire("G3", 1965), Hire("G4", 1980), Hire("G5", 1981), Hire("G6", 1996), Hire("G7", 1997),
            Hire("G8", null), Hire("G9", 2000), Hire("G10", 1985),
            new { type = "person_profile_updated", eventId = "g-u-G9", personId = "G9", birthYear = 1990, occurredAt = "2024-06-01T00:00:00Z" },
            new { type = "person_left", eventId = "g-l-G4", personId = "G4", reason = "voluntary", occurredAt = "2025-03-01T00:00:00Z" },
            Completed("G1"), Completed("G3"), Completed("G5"), Completed("G9"),
            Events.Assessed("G1", "g-skill", 2, "test", "g-a1", "2024-02-01T00:00:00Z"), Events.Assessed("G1", "g-skill", 4, "test", "g-a2", "2025-02-01T00:00:00Z"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string>> LastYearAsync()
    {
        var body = await app.GetJsonAsync($"/api/analytics/participation?asOf={AsOf}&by=generation&minGroupSize=1");
        return body.GetProperty("years").EnumerateArray().Where(y => y.GetProperty("to").GetDateTimeOffset().Year == 2026)
            .Select(y => $"{y.GetProperty("group").GetString()} {y.GetProperty("n").GetInt32()} {y.GetProperty("participants").GetInt32()}").ToList();
    }

    [Fact]
    public async Task Participation_retention_and_growth_by_generation_match_the_hand_count_and_erasure_makes_a_person_unknown()
    {
        Assert.Equal(["baby boomers 2 1", "gen x 1 1", "gen z 1 0", "millennials 4 2", "unknown 1 0"], await LastYearAsync());

        // Retention: everyone reached the 90-day landmark (G4 left after it), so every cohort is followed in full.
        var retention = await app.GetJsonAsync($"/api/analytics/retention?asOf={AsOf}&by=generation&minGroupSize=1");
        Assert.Equal(["baby boomers 2", "gen x 2", "gen z 1", "millennials 4", "unknown 1"], retention.GetProperty("groups").EnumerateArray()
            .Select(g => $"{g.GetProperty("group").GetString()} {g.GetProperty("n").GetInt32()}").Order(StringComparer.Ordinal));

        // Growth: G1 from 2 to 4 over 366 days (2024 is a leap year) = 2 / (366 / 365.25) = 1.995902 levels per year.
        var growth = await app.GetJsonAsync("/api/analytics/growth?by=generation&minGroupSize=1");
        var boomers = growth.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "baby boomers");
        Assert.Equal(1.995902, boomers.GetProperty("meanSlope").GetDouble(), 5);

        Assert.True((await app.PostJsonAsync("/api/people/G10/erase", """{"reason":"test"}""")).IsSuccessStatusCode);
        Assert.Equal(["baby boomers 2 1", "gen x 1 1", "gen z 1 0", "millennials 3 2", "unknown 2 0"], await LastYearAsync());
    }

    [Fact]
    public async Task Participation_has_a_wilson_interval_and_an_unknown_grouping_is_refused()
    {
        var body = await app.GetJsonAsync($"/api/analytics/participation?asOf={AsOf}&by=generation&minGroupSize=1");
        var year = body.GetProperty("years").EnumerateArray().Single(y => y.GetProperty("group").GetString() == "gen x" && y.GetProperty("to").GetDateTimeOffset().Year == 2026);
        // gen x last year: G3 alone, 1 of 1. Wilson 95 %: centre (1 + z²/2)/(1 + z²), half-width (z²/2)/(1 + z²),
        // so [1/(1 + z²), 1] with z = 1.959964: [0.206549, 1].
        Assert.Equal(0.206549, year.GetProperty("ciLow").GetDouble(), 5);
        Assert.Equal(1.0, year.GetProperty("ciHigh").GetDouble(), 9);
        var bad = await app.Client.GetAsync($"/api/analytics/participation?by=shoe-size");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"by\"", await bad.Content.ReadAsStringAsync());
    }
}
