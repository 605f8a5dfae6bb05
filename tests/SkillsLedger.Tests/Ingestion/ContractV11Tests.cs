using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Ingestion;

/// <summary>
/// Contract v1.1 (issue 15) through the real write path: the course catalogue, programmes, strategic goals and the
/// year of birth go through the same validation (problem+json naming the field, nothing written), the hash chain, the
/// feed and the personal-data encryption and erasure as contract v1.
/// </summary>
[Collection(SharedLedger.Ingestion)]
public sealed class ContractV11Tests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("ingestion-contract-v11");

    private const string At = "2026-03-01T00:00:00Z";

    [Fact]
    public async Task The_catalogue_goals_and_profiles_are_appended_chained_and_the_birth_year_is_erasable()
    {
        var ok = await app.PostEventsAsync(
            new { type = "skill_defined", eventId = "v11-sql", skill = "v11-sql", name = "SQL", scaleMin = 1, scaleMax = 5, category = "digital", occurredAt = At },
            new { type = "course_defined", eventId = "v11-c1", courseId = "v11-sql-101", name = "SQL basics", programId = "v11-data", modality = "blended", hours = 12, skills = new[] { new { skill = "v11-sql", targetLevel = 3 } }, occurredAt = At },
            new { type = "program_defined", eventId = "v11-p1", programId = "v11-data", name = "Data academy", goals = new[] { "v11-g1" }, occurredAt = At },
            new { type = "strategic_goal_set", eventId = "v11-g1a", goalId = "v11-g1", name = "Data literate", dueDate = "2027-12-31", targets = new[] { new { skill = "v11-sql", level = 3, headcount = 10 } }, occurredAt = At },
            new { type = "person_hired", eventId = "v11-h1", personId = "V11A", department = "Data", role = "analyst", birthYear = 1990, occurredAt = At },
            new { type = "person_profile_updated", eventId = "v11-u1", personId = "V11A", birthYear = 1991, occurredAt = At },
            new { type = "strategic_goal_retired", eventId = "v11-g1b", goalId = "v11-g1", reason = "done", occurredAt = "2026-06-01T00:00:00Z" });
        Assert.True(ok.IsSuccessStatusCode, await ok.Content.ReadAsStringAsync());

        // Stored encrypted, shown to authorised readers, "[erased]" once the person is erased; the chain stays whole.
        Assert.StartsWith("enc:v1:", await StoredAsync("v11-h1", "birthYear"));
        Assert.StartsWith("enc:v1:", await StoredAsync("v11-u1", "birthYear"));
        var events = (await app.GetJsonAsync("/api/people/V11A/events")).GetProperty("events");
        Assert.Equal("1990", events[0].GetProperty("birthYear").GetString());
        Assert.Equal("1991", events[1].GetProperty("birthYear").GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.PostJsonAsync("/api/people/V11A/erase", """{"reason":"test"}""")).StatusCode);
        events = (await app.GetJsonAsync("/api/people/V11A/events")).GetProperty("events");
        Assert.Equal("[erased]", events[0].GetProperty("birthYear").GetString());
        Assert.Equal("[erased]", events[1].GetProperty("birthYear").GetString());
        Assert.True((await app.GetJsonAsync("/api/audit/verify")).GetProperty("ok").GetBoolean());

        // The catalogue events are in the organisation's feed with their own fields.
        var feed = await app.FeedAsync();
        var course = feed.Single(e => e.GetProperty("eventId").GetString() == "v11-c1");
        Assert.Equal("blended", course.GetProperty("modality").GetString());
        Assert.Equal(3, course.GetProperty("skills")[0].GetProperty("targetLevel").GetDecimal());
    }

    [Theory]
    [InlineData("course_defined", "skills[0].skill")]
    [InlineData("course_level", "skills[0].targetLevel")]
    [InlineData("goal_level", "targets[0].level")]
    [InlineData("goal_skill", "targets[0].skill")]
    public async Task Ledger_rules_of_v1_1_name_the_field_and_write_nothing(string @case, string field)
    {
        await app.PostEventsAsync(new { type = "skill_defined", eventId = "v11r-sql", skill = "v11r-sql", name = "SQL", scaleMin = 1, scaleMax = 5, occurredAt = At });
        object bad = @case switch
        {
            "course_defined" => new { type = "course_defined", courseId = "x", name = "X", modality = "online", hours = 1, skills = new[] { new { skill = "nowhere" } }, occurredAt = At },
            "course_level" => new { type = "course_defined", courseId = "x", name = "X", modality = "online", hours = 1, skills = new[] { new { skill = "v11r-sql", targetLevel = 9 } }, occurredAt = At },
            "goal_level" => new { type = "strategic_goal_set", goalId = "g", name = "G", dueDate = "2027-12-31", targets = new[] { new { skill = "v11r-sql", level = 6, headcount = 1 } }, occurredAt = At },
            _ => new { type = "strategic_goal_set", goalId = "g", name = "G", dueDate = "2027-12-31", targets = new[] { new { skill = "nowhere", level = 1, headcount = 1 } }, occurredAt = At },
        };
        var before = await app.CountRowsAsync();
        var response = await app.PostEventsAsync(new { type = "program_defined", programId = "fine", name = "Fine", occurredAt = At }, bad);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == $"events[1].{field}");
        Assert.Equal(before, await app.CountRowsAsync());
    }

    [Fact]
    public async Task The_bulk_import_takes_v1_1_events_with_the_same_encryption_and_chain()
    {
        var file = Path.Combine(Path.GetTempPath(), $"v11-{Guid.NewGuid():N}.jsonl");
        object[] lines =
        [
            new { type = "skill_defined", skill = "v11b-sql", name = "SQL", scaleMin = 1, scaleMax = 5, category = "digital", occurredAt = At },
            new { type = "course_defined", courseId = "v11b-c", name = "C", modality = "on_the_job", hours = 3, skills = new[] { new { skill = "v11b-sql", targetLevel = 2 } }, occurredAt = At },
            new { type = "strategic_goal_set", goalId = "v11b-g", name = "G", dueDate = "2027-06-30", targets = new[] { new { skill = "v11b-sql", level = 2, headcount = 3, scope = new { team = "core" } } }, occurredAt = At },
            new { type = "person_hired", personId = "V11B", department = "Data", role = "analyst", birthYear = 1979, occurredAt = At },
            new { type = "person_profile_updated", personId = "V11B", displayName = "Bea", occurredAt = At },
        ];
        await File.WriteAllLinesAsync(file, lines.Select(l => JsonSerializer.Serialize(l)));
        try
        {
            Assert.Equal(0, await SkillsLedger.Cli.ImportCommand.RunAsync(new SkillsLedger.Cli.CliArgs([file, "--db", app.ConnectionString, "--org", app.Organisation, "--no-progress"]), CancellationToken.None));
        }
        finally { File.Delete(file); }
        var events = (await app.GetJsonAsync("/api/people/V11B/events")).GetProperty("events");
        Assert.Equal("1979", events[0].GetProperty("birthYear").GetString());
        Assert.Equal("Bea", events[1].GetProperty("displayName").GetString());
        var feed = await app.FeedAsync();
        Assert.Equal("on_the_job", feed.Single(e => e.GetProperty("type").GetString() == "course_defined" && e.GetProperty("courseId").GetString() == "v11b-c").GetProperty("modality").GetString());
        Assert.True((await app.GetJsonAsync("/api/audit/verify")).GetProperty("ok").GetBoolean());
    }

    private async Task<string?> StoredAsync(string eventId, string field)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select data->>$2 from ledger.mt_events where tenant_id = $3 and data->>'eventId' = $1", conn);
        cmd.Parameters.AddWithValue(eventId);
        cmd.Parameters.AddWithValue(field);
        cmd.Parameters.AddWithValue(app.Organisation);
        return (string?)await cmd.ExecuteScalarAsync();
    }
}
