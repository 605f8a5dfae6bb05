using System.Net;
using System.Text.Json;
using Marten.Events;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Careers;

/// <summary>
/// GET /api/careers/moves against a hand count. Skill mv-sk 1–5. Role mv-a requires 3, mv-b requires 5, mv-c has no
/// profile. Everyone hired into mv-a on 2024-01-01 and assessed once on 2024-02-01.
///   M1 sk 4, moves to mv-b 2024-07-01 (182 days = 5.979466 months of 30.4375 days); later sk 5 (2024-09-01), which
///      must not count: fit at the move = rescaled 0.75 / 1 = 0.75.
///   M2 sk 2, team-only move 2024-03-01 (no role change, clock keeps running), to mv-b 2024-10-01 (274 d = 9.002053); fit 0.25.
///   M3 sk 5, to mv-b 2024-04-01 (91 d = 2.989733); fit 1.0; then to mv-c 2024-06-01 (61 d in mv-b = 2.004107); no profile → no fit.
///   M4 never moves. M5 moves to mv-b on 2025-03-01, after the asOf of most checks.
/// As of 2024-12-31: mv-a → mv-b 3 moves (all of mv-a's 3 moves out: share 1), months sorted 2.989733, 5.979466, 9.002053
/// → median 5.979466, quartiles 4.484600 / 7.490760; fits 0.25, 0.75, 1 → median 0.75, quartiles 0.5 / 0.875.
/// mv-b → mv-c: 1 move.
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class MovesTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("careers-moves");

    public async Task InitializeAsync()
    {
        const string feb = "2024-02-01T00:00:00Z";
        object Hire(string p) => new { type = "person_hired", eventId = $"mv-h-{p}", personId = p, department = "D", role = "mv-a", team = "t", occurredAt = "2024-01-01T00:00:00Z" };
        object Move(string p, string at, string? role, string? team = null) => new { type = "person_moved", eventId = $"mv-m-{p}-{at[..10]}", personId = p, role, team, occurredAt = at };
        var response = await app.PostEventsAsync(
            new { type = "skill_defined", eventId = "mv-s", skill = "mv-sk", name = "Sk", scaleMin = 1, scaleMax = 5, occurredAt = "2023-01-01T00:00:00Z" },
            new { type = "role_profile_defined", eventId = "mv-pa", role = "mv-a", requirements = new[] { new { skill = "mv-sk", level = 3 } }, occurredAt = "2023-01-01T00:00:00Z" },
            new { type = "role_profile_defined", eventId = "mv-pb", role = "mv-b", requirements = new[] { new { skill = "mv-sk", level = 5 } }, occurredAt = "2023-01-01T00:00:00Z" },
            Hire("M1"), Hire("M2"), Hire("M3"), Hire("M4"), Hire("M5"),
            Events.Assessed("M1", "mv-sk", 4, "manager", "mv-a1", feb), Events.Assessed("M2", "mv-sk", 2, "manager", "mv-a2", feb),
            Events.Assessed("M3", "mv-sk", 5, "manager", "mv-a3", feb), Events.Assessed("M1", "mv-sk", 5, "manager", "mv-a4", "2024-09-01T00:00:00Z"),
            Move("M1", "2024-07-01T00:00:00Z", "mv-b"), Move("M2", "2024-03-01T00:00:00Z", null, "t2"), Move("M2", "2024-10-01T00:00:00Z", "mv-b"),
            Move("M3", "2024-04-01T00:00:00Z", "mv-b"), Move("M3", "2024-06-01T00:00:00Z", "mv-c"), Move("M5", "2025-03-01T00:00:00Z", "mv-b"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static JsonElement Transition(JsonElement body, string from, string to) => body.GetProperty("transitions").EnumerateArray()
        .Single(t => t.GetProperty("from").GetString() == from && t.GetProperty("to").GetString() == to);

    [Fact]
    public async Task Counts_months_in_the_previous_role_and_fit_at_the_move_match_the_hand_count()
    {
        var body = await app.GetJsonAsync("/api/careers/moves?asOf=2024-12-31&minGroupSize=1");
        Assert.Equal(4, body.GetProperty("moves").GetInt32());
        Assert.Equal(["mv-a>mv-b 3", "mv-b>mv-c 1"], body.GetProperty("transitions").EnumerateArray()
            .Select(t => $"{t.GetProperty("from").GetString()}>{t.GetProperty("to").GetString()} {t.GetProperty("moves").GetInt32()}"));
        var ab = Transition(body, "mv-a", "mv-b");
        Assert.Equal((3, 1.0), (ab.GetProperty("people").GetInt32(), ab.GetProperty("shareOfMovesFromRole").GetDouble()));
        var months = ab.GetProperty("monthsInPreviousRole");
        Assert.Equal(3, months.GetProperty("n").GetInt32());
        Assert.Equal(5.979466, months.GetProperty("median").GetDouble(), 6);
        Assert.Equal(4.484600, months.GetProperty("p25").GetDouble(), 6);
        Assert.Equal(7.490760, months.GetProperty("p75").GetDouble(), 6);
        var fit = ab.GetProperty("fitAtMove");
        Assert.Equal(0.75, fit.GetProperty("median").GetDouble(), 9);
        Assert.Equal(0.5, fit.GetProperty("p25").GetDouble(), 9);
        Assert.Equal(0.875, fit.GetProperty("p75").GetDouble(), 9);

        var bc = Transition(body, "mv-b", "mv-c");
        Assert.Equal(2.004107, bc.GetProperty("monthsInPreviousRole").GetProperty("median").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, bc.GetProperty("fitAtMove").ValueKind); // mv-c has no profile
    }

    [Fact]
    public async Task Small_transitions_are_suppressed_and_later_moves_wait_for_their_date()
    {
        var body = await app.GetJsonAsync("/api/careers/moves?asOf=2024-12-31&minGroupSize=2");
        var bc = Transition(body, "mv-b", "mv-c");
        Assert.True(bc.GetProperty("suppressed").GetBoolean());
        Assert.Equal(1, bc.GetProperty("moves").GetInt32());
        Assert.Equal(JsonValueKind.Null, bc.GetProperty("monthsInPreviousRole").ValueKind);
        Assert.False(Transition(body, "mv-a", "mv-b").GetProperty("suppressed").GetBoolean());

        var later = await app.GetJsonAsync("/api/careers/moves?asOf=2025-12-31&minGroupSize=1");
        Assert.Equal(4, Transition(later, "mv-a", "mv-b").GetProperty("moves").GetInt32());
        var before = await app.GetJsonAsync("/api/careers/moves?asOf=2024-05-01&minGroupSize=1");
        Assert.Equal(["mv-a>mv-b 1"], before.GetProperty("transitions").EnumerateArray()
            .Select(t => $"{t.GetProperty("from").GetString()}>{t.GetProperty("to").GetString()} {t.GetProperty("moves").GetInt32()}"));
    }

    [Fact]
    public async Task Bad_parameters_are_400_naming_the_field()
    {
        var bad = await app.Client.GetAsync("/api/careers/moves?minGroupSize=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("minGroupSize", await bad.Content.ReadAsStringAsync());
    }
}
