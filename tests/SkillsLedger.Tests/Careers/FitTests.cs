using System.Net;
using System.Text.Json;
using Marten.Events;
using SkillsLedger.Access;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Careers;

/// <summary>
/// GET /api/people/{personId}/fit against values worked out by hand. Skills f-sql and f-py on 1–5, f-lead on 0–10.
/// Roles: f-analyst requires sql 4, py 3; f-engineer sql 3, py 5; f-manager lead 8, sql 2. F1 (analyst, hired
/// 2024-01-01) is assessed once per skill on 2024-02-01: sql 5, py 2, lead 6 (one assessment: level = that value).
/// Rescaled to 0–1: sql 5 → 1, py 2 → 0.25, lead 6 → 0.6.
///   f-manager: lead min(0.6, 0.8) + sql min(1, 0.25) = 0.85 over 0.8 + 0.25 = 1.05 → 0.809524; gap lead 8 − 6 = 2 (0.2).
///   f-analyst: sql min(1, 0.75) + py min(0.25, 0.5) = 1.0 over 1.25 → 0.8; gap py 3 − 2 = 1 (0.25).
///   f-engineer: sql min(1, 0.5) + py min(0.25, 1) = 0.75 over 1.5 → 0.5; gap py 5 − 2 = 3 (0.75).
/// As of 2024-01-15 nobody is assessed: every fit 0, ties by role id, every skill a gap (sql for analyst 4 − 1 = 3).
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class FitTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("careers-fit");

    public async Task InitializeAsync()
    {
        const string feb = "2024-02-01T00:00:00Z", defined = "2023-01-01T00:00:00Z";
        object Role(string role, params (string Skill, int Level)[] req) => new
        {
            type = "role_profile_defined", eventId = $"fit-{role}", role, requirements = req.Select(r => new { skill = r.Skill, level = r.Level }).ToArray(), occurredAt = defined,
        };
        var response = await app.PostEventsAsync(
            new { type = "skill_defined", eventId = "fit-s1", skill = "f-sql", name = "SQL", scaleMin = 1, scaleMax = 5, occurredAt = defined },
            new { type = "skill_defined", eventId = "fit-s2", skill = "f-py", name = "Python", scaleMin = 1, scaleMax = 5, occurredAt = defined },
            new { type = "skill_defined", eventId = "fit-s3", skill = "f-lead", name = "Leading", scaleMin = 0, scaleMax = 10, occurredAt = defined },
            Role("f-analyst", ("f-sql", 4), ("f-py", 3)), Role("f-engineer", ("f-sql", 3), ("f-py", 5)), Role("f-manager", ("f-lead", 8), ("f-sql", 2)),
            new { type = "person_hired", eventId = "fit-h1", personId = "F1", department = "Data", role = "f-analyst", occurredAt = "2024-01-01T00:00:00Z" },
            new { type = "person_hired", eventId = "fit-h2", personId = "F2", department = "Data", role = "f-engineer", occurredAt = "2024-01-01T00:00:00Z" },
            Events.Assessed("F1", "f-sql", 5, "manager", "fit-a1", feb), Events.Assessed("F1", "f-py", 2, "manager", "fit-a2", feb),
            Events.Assessed("F1", "f-lead", 6, "manager", "fit-a3", feb));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Line(JsonElement role) =>
        $"{role.GetProperty("rank").GetInt32()} {role.GetProperty("role").GetString()} {role.GetProperty("fit").GetDouble():0.000000}";

    [Fact]
    public async Task Roles_are_ranked_by_the_hand_computed_fit_with_their_gaps()
    {
        var body = await app.GetJsonAsync("/api/people/F1/fit?asOf=2024-06-30");
        Assert.Equal("f-analyst", body.GetProperty("currentRole").GetString());
        var roles = body.GetProperty("roles").EnumerateArray().ToList();
        Assert.Equal(["1 f-manager 0.809524", "2 f-analyst 0.800000", "3 f-engineer 0.500000"], roles.Select(Line));
        Assert.Equal(0.85, roles[0].GetProperty("met").GetDouble(), 9);
        Assert.Equal(1.05, roles[0].GetProperty("required").GetDouble(), 9);
        Assert.True(roles[1].GetProperty("current").GetBoolean());
        Assert.StartsWith("fit 0.810 = 0.850 / 1.050", roles[0].GetProperty("explanation").GetString());
        Assert.StartsWith("geschiktheid 0,810 = 0,850 / 1,050 (Σ min(niveau, vereist) / Σ vereist", roles[0].GetProperty("explanationNl").GetString());

        var leadGap = Assert.Single(roles[0].GetProperty("gaps").EnumerateArray());
        Assert.Equal(("f-lead", 8.0, 6.0), (leadGap.GetProperty("skill").GetString(), leadGap.GetProperty("required").GetDouble(), Math.Round(leadGap.GetProperty("level").GetDouble(), 9)));
        Assert.Equal(2.0, leadGap.GetProperty("gap").GetDouble(), 9);
        Assert.Equal(0.2, leadGap.GetProperty("fitShare").GetDouble(), 9);
        var pyGap = Assert.Single(roles[2].GetProperty("gaps").EnumerateArray());
        Assert.Equal(3.0, pyGap.GetProperty("gap").GetDouble(), 9);
        Assert.Equal(0.75, pyGap.GetProperty("fitShare").GetDouble(), 9);
        Assert.Equal((2, 1), (roles[2].GetProperty("requiredSkills").GetInt32(), roles[2].GetProperty("skillsReached").GetInt32()));
        Assert.Contains("fit-f-engineer", roles[2].GetProperty("explanation").GetString());
        Assert.StartsWith("/api/people/F1/skills/f-py/lineage?asOf=", pyGap.GetProperty("lineage").GetString());
    }

    [Fact]
    public async Task Before_any_assessment_every_fit_is_zero_and_every_skill_a_gap()
    {
        var body = await app.GetJsonAsync("/api/people/F1/fit?asOf=2024-01-15");
        var roles = body.GetProperty("roles").EnumerateArray().ToList();
        Assert.Equal(["1 f-analyst 0.000000", "2 f-engineer 0.000000", "3 f-manager 0.000000"], roles.Select(Line));
        var sql = roles[0].GetProperty("gaps").EnumerateArray().Single(g => g.GetProperty("skill").GetString() == "f-sql");
        Assert.Equal(JsonValueKind.Null, sql.GetProperty("level").ValueKind);
        Assert.Equal(3.0, sql.GetProperty("gap").GetDouble(), 9);
    }

    [Fact]
    public async Task Unknown_people_are_404_and_bad_dates_400_naming_the_field()
    {
        var missing = await app.Client.GetAsync("/api/people/NOBODY/fit");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var bad = await app.Client.GetAsync("/api/people/F1/fit?asOf=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        Assert.Contains("asOf", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_employee_reads_their_own_fit_only()
    {
        using var self = await app.ClientForAsync(app.Organisation, Roles.Employee, "F1");
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync("/api/people/F1/fit")).StatusCode);
        var other = await self.GetAsync("/api/people/F2/fit");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_bi_view_gives_the_same_fit_for_the_current_state()
    {
        // analytics.person_role_fit, now: F1's levels have not changed since February, so the hand values above hold;
        // each role has 2 required skills, of which F1 reaches sql only (5 ≥ 4, 3, 2); F2 is never assessed: fit 0.
        await using var conn = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            "select person_id, role, fit, met, required, in_role, employed, required_skills, skills_reached, profile_event_id from analytics.person_role_fit " +
            $"where org_id = '{app.Organisation}' order by person_id, role", conn);
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            rows.Add($"{r.GetString(0)} {r.GetString(1)} {r.GetDouble(2):0.000000} {r.GetDouble(3):0.000000} {r.GetDouble(4):0.000000} {r.GetBoolean(5)} {r.GetBoolean(6)} {r.GetInt32(7)} {r.GetInt32(8)} {r.GetString(9)}");
        Assert.Equal([
            "F1 f-analyst 0.800000 1.000000 1.250000 True True 2 1 fit-f-analyst",
            "F1 f-engineer 0.500000 0.750000 1.500000 False True 2 1 fit-f-engineer",
            "F1 f-manager 0.809524 0.850000 1.050000 False True 2 1 fit-f-manager",
            "F2 f-analyst 0.000000 0.000000 1.250000 False True 2 0 fit-f-analyst",
            "F2 f-engineer 0.000000 0.000000 1.500000 True True 2 0 fit-f-engineer",
            "F2 f-manager 0.000000 0.000000 1.050000 False True 2 0 fit-f-manager",
        ], rows);
    }

    [Fact]
    public async Task Known_at_a_record_time_before_the_assessments_nothing_counts_yet()
    {
        // Every event was recorded when the test ran: known at 2020-01-01, F1 had no assessment and no assignment yet.
        var body = await app.GetJsonAsync("/api/people/F1/fit?asOf=2024-06-30&knownAt=2020-01-01");
        Assert.Equal(JsonValueKind.Null, body.GetProperty("currentRole").ValueKind);
        Assert.All(body.GetProperty("roles").EnumerateArray(), r => Assert.Equal(0.0, r.GetProperty("fit").GetDouble()));
        Assert.StartsWith("2020-01-01", body.GetProperty("knownAt").GetString());
        var now = await app.GetJsonAsync($"/api/people/F1/fit?asOf=2024-06-30&knownAt={DateTime.UtcNow.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Equal(0.809524, now.GetProperty("roles")[0].GetProperty("fit").GetDouble(), 6);
    }

    [Fact]
    public void Dutch_explanations_write_a_decimal_comma_and_a_real_minus_sign()
    {
        // As the dashboard's Dutch pages do: "−0,12", not "-0.12" (a gain per hour can be negative).
        Assert.Equal("\u22120,12", string.Create(SkillsLedger.Careers.Dutch.Numbers, $"{-0.12:0.00}"));
        Assert.Equal("1.234,5", (1234.5).ToString("#,##0.0", SkillsLedger.Careers.Dutch.Numbers));
    }

}
