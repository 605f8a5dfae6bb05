using System.Net.Http.Json;
using System.Text.Json;
using Marten.Events;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Retention;

/// <summary>
/// Eight people, window 2025-01-01 … 2025-12-31 (courses in the window, left in the window):
///   P1 2, stays · P2 0, leaves 2025-06-01 · P3 1, stays · P4 0, stays · P5 0, leaves 2025-03-01 · P6 3, stays
///   P7 hired 2026-02-01 (after the window) · P8 left 2024-06-01 (before it)  → both outside, n = 6.
/// By hand: x = (2,0,1,0,0,3), y = (0,1,0,0,1,0); Sxy = −2, Sxx = 8, Syy = 4/3 → r = −2/√(32/3) = −0.6123724357.
/// Fisher z: atanh(r) ± 1.959964/√3 → (−0.9512056593, 0.3959841648). t = r·√(4/(1−r²)) = −1.549; with 4 df the
/// t table gives t₀.₉₀ = 1.533 and t₀.₉₅ = 2.132, so the two-sided p lies between 0.10 and 0.20.
/// Newcomers as of 2026-06-30: hired by 2025-06-30 → P1–P6 and P8 (n = 7); left within 12 months of hire: P5
/// (hired 2024-09-01, left 2025-03-01) and P8 (hired 2024-01-01, left 2024-06-01) → 2/7 = 0.2857142857,
/// Wilson 95 %: (0.0822189240, 0.6410655482).
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class NewcomersAndCorrelationTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("retention-newcomers");

    public async Task InitializeAsync()
    {
        var events = new List<object>();
        void Hire(string p, string at) => events.Add(new { type = "person_hired", eventId = $"nc-h-{p}", personId = p, department = "Ops", role = "nc-role", occurredAt = at + "T00:00:00Z" });
        void Leave(string p, string at) => events.Add(new { type = "person_left", eventId = $"nc-l-{p}", personId = p, reason = "voluntary", occurredAt = at + "T00:00:00Z" });
        void Course(string p, int i, string at) => events.Add(new { type = "course_completed", eventId = $"nc-c-{p}-{i}", personId = p, courseId = $"c{i}", programId = "nc-prog", hours = 4 * (i + 1), occurredAt = at + "T00:00:00Z" });
        foreach (var p in new[] { "P1", "P2", "P3", "P4", "P6", "P8" }) Hire(p, "2024-01-01");
        Hire("P5", "2024-09-01");
        Hire("P7", "2026-02-01");
        Course("P1", 0, "2025-02-01"); Course("P1", 1, "2025-05-01");
        Course("P3", 0, "2025-03-01");
        Course("P6", 0, "2025-01-15"); Course("P6", 1, "2025-04-01"); Course("P6", 2, "2025-09-01");
        Course("P7", 0, "2026-03-01");
        Leave("P2", "2025-06-01"); Leave("P5", "2025-03-01"); Leave("P8", "2024-06-01");
        var response = await app.PostEventsAsync(events.ToArray());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Correlation_between_courses_and_leaving_matches_the_hand_computation()
    {
        var c = await app.GetJsonAsync("/api/analytics/retention/correlation?from=2025-01-01&to=2025-12-31&measure=courses&minGroupSize=2");
        Assert.Equal(6, c.GetProperty("n").GetInt32());
        Assert.Equal(-0.6123724357, c.GetProperty("r").GetDouble(), 9);
        Assert.Equal(-0.9512056593, c.GetProperty("ciLow").GetDouble(), 8);
        Assert.Equal(0.3959841648, c.GetProperty("ciHigh").GetDouble(), 8);
        Assert.InRange(c.GetProperty("p").GetDouble(), 0.10, 0.20);
        Assert.Equal(2, c.GetProperty("leavers").GetInt32());
        Assert.Equal(3, c.GetProperty("learners").GetInt32());
        Assert.Equal("courses", c.GetProperty("measure").GetString());

        // Two leavers are fewer than the default minimum of five: the figures are withheld, the counts shown.
        var suppressed = await app.GetJsonAsync("/api/analytics/retention/correlation?from=2025-01-01&to=2025-12-31");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, suppressed.GetProperty("r").ValueKind);
        Assert.Equal(6, suppressed.GetProperty("n").GetInt32());
        Assert.Contains("suppressed", suppressed.GetProperty("note").GetString());

        var bad = await app.Client.GetAsync("/api/analytics/retention/correlation?measure=minutes");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        var badDate = await app.Client.GetAsync("/api/analytics/retention/correlation?from=soon");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badDate.StatusCode);
    }

    [Fact]
    public async Task Newcomer_attrition_has_a_wilson_interval_and_small_groups_are_suppressed()
    {
        var body = await app.GetJsonAsync("/api/analytics/retention/newcomers?asOf=2026-06-30");
        var all = body.GetProperty("overall");
        Assert.Equal(7, all.GetProperty("n").GetInt32());
        Assert.Equal(2, all.GetProperty("leftWithinYear").GetInt32());
        Assert.Equal(0.2857142857, all.GetProperty("share").GetDouble(), 9);
        Assert.Equal(0.0822189240, all.GetProperty("ciLow").GetDouble(), 8);
        Assert.Equal(0.6410655482, all.GetProperty("ciHigh").GetDouble(), 8);

        // Nobody in the cohort completed a course within 12 months of hire (the earliest, P6's, is 2025-01-15),
        // so the one group is "none" with all seven.
        var none = body.GetProperty("groups").EnumerateArray().Single();
        Assert.Equal("none", none.GetProperty("group").GetString());
        Assert.Equal(7, none.GetProperty("n").GetInt32());
        Assert.False(none.GetProperty("suppressed").GetBoolean());
        // Below minGroupSize a group shows its n and nothing else.
        var small = await app.GetJsonAsync("/api/analytics/retention/newcomers?asOf=2026-06-30&minGroupSize=8");
        Assert.True(small.GetProperty("overall").GetProperty("suppressed").GetBoolean());
        Assert.Equal(7, small.GetProperty("overall").GetProperty("n").GetInt32());
    }

    /// <summary>
    /// Organisation nc-landmark, everyone hired 2024-01-01, asOf 2026-06-30, landmark 90 days (2024-03-31):
    ///   A1 course 02-01, stays · A2 course 02-15, left 08-01 · A3 course 03-01, stays      → learners at the landmark
    ///   B1 no course, left 02-01 (before the landmark) · B2 left 10-01 · B3 stays
    ///   B4 course 06-01 (after the landmark), stays · B5 course 05-01, left 11-01           → none at the landmark
    /// Landmark split: learner 1/3 left, Wilson (0.0614919447, 0.7923403992); none 2/4; B1 in no group; overall 4/8.
    /// The old split from hire ("a course within 12 months") had learner = A1–A3, B4, B5 (2/5) and none = B1–B3 (2/3):
    /// B1 could not have learned in the month she stayed, yet counted as a non-learner who left.
    /// </summary>
    [Fact]
    public async Task Newcomer_learner_groups_are_fixed_at_a_landmark_by_default_with_caveats()
    {
        var events = new List<object>();
        foreach (var p in new[] { "A1", "A2", "A3", "B1", "B2", "B3", "B4", "B5" })
            events.Add(new { type = "person_hired", eventId = $"lm-h-{p}", personId = p, department = "Ops", role = "lm-role", occurredAt = "2024-01-01T00:00:00Z" });
        void Course(string p, string at) => events.Add(new { type = "course_completed", eventId = $"lm-c-{p}", personId = p, courseId = "c1", programId = "lm-prog", hours = 4, occurredAt = at + "T00:00:00Z" });
        void Leave(string p, string at) => events.Add(new { type = "person_left", eventId = $"lm-l-{p}", personId = p, reason = "voluntary", occurredAt = at + "T00:00:00Z" });
        Course("A1", "2024-02-01"); Course("A2", "2024-02-15"); Course("A3", "2024-03-01"); Course("B4", "2024-06-01"); Course("B5", "2024-05-01");
        Leave("A2", "2024-08-01"); Leave("B1", "2024-02-01"); Leave("B2", "2024-10-01"); Leave("B5", "2024-11-01");
        using var client = await app.ClientForAsync("nc-landmark", SkillsLedger.Access.Roles.Admin);
        var posted = await client.PostAsJsonAsync("/api/events", new { events });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var body = await client.GetFromJsonAsync<JsonElement>("/api/analytics/retention/newcomers?asOf=2026-06-30&minGroupSize=1");
        Assert.Equal("learner", body.GetProperty("by").GetString());
        Assert.Equal(90, body.GetProperty("landmarkDays").GetInt32());
        Assert.Equal(1, body.GetProperty("leftBeforeLandmark").GetInt32());
        Assert.Equal(8, body.GetProperty("overall").GetProperty("n").GetInt32());
        Assert.Equal(4, body.GetProperty("overall").GetProperty("leftWithinYear").GetInt32());
        var groups = body.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        Assert.Equal(3, groups["learner"].GetProperty("n").GetInt32());
        Assert.Equal(1, groups["learner"].GetProperty("leftWithinYear").GetInt32());
        Assert.Equal(0.0614919447, groups["learner"].GetProperty("ciLow").GetDouble(), 8);
        Assert.Equal(0.7923403992, groups["learner"].GetProperty("ciHigh").GetDouble(), 8);
        Assert.Equal(4, groups["none"].GetProperty("n").GetInt32());
        Assert.Equal(2, groups["none"].GetProperty("leftWithinYear").GetInt32());
        Assert.Contains(body.GetProperty("caveats").EnumerateArray(), c => c.GetString()!.StartsWith("1 newcomer left within 90 days"));

        var byDepartment = await client.GetFromJsonAsync<JsonElement>("/api/analytics/retention/newcomers?asOf=2026-06-30&minGroupSize=1&by=department");
        Assert.Equal(JsonValueKind.Null, byDepartment.GetProperty("landmarkDays").ValueKind);
        Assert.Equal(8, byDepartment.GetProperty("groups").EnumerateArray().Single().GetProperty("n").GetInt32());
        Assert.NotEmpty(byDepartment.GetProperty("caveats").EnumerateArray());
        var bad = await client.GetAsync("/api/analytics/retention/newcomers?landmarkDays=365");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
