using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using SkillsLedger.Access;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Xapi;

/// <summary>
/// Statements → ledger events (issue 17, docs/xapi.md) on a real PostgreSQL: a cmi5 session, scores placed on the
/// skill's scale, voiding, held-back statements replayed, statements sent again. Levels are worked by hand from the
/// documented rule: level = min + scaled·(max − min), rounded half away from zero to one decimal; the skill here has
/// scale 1..5.
/// </summary>
[Collection(SharedLedger.Xapi)]
public sealed class StatementEvidenceTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("xapi-evidence");

    private const string Lms = "https://lms.example.com";
    private const string Course = "https://example.com/courses/secure-coding";
    private const string Quiz = "https://example.com/courses/secure-coding/au/quiz";
    private const string QuizSession = "https://lms.example.com/reg/au/1";
    private const string Cmi5Category = "https://w3id.org/xapi/cmi5/context/categories/cmi5";

    private static string Mapping(string extraActor = "") => $$$"""
        {"events":[{"type":"xapi_mapping_set","occurredAt":"2025-01-01T00:00:00Z",
          "actors":[{"personId":"E1","account":{"homePage":"{{{Lms}}}","name":"ann"}},{"personId":"E2","mbox":"mailto:Bob@Example.com"}{{{extraActor}}}],
          "courses":[{"activity":"{{{Course}}}","courseId":"secure-coding","programId":"security","hours":6}],
          "activities":[{"activity":"{{{Quiz}}}","skill":"secure-coding","passLevel":3}]}]}
        """;

    private async Task<(HttpClient Admin, HttpClient Lrs)> OrganisationAsync(string org, bool withMapping = true)
    {
        var admin = await app.ClientForAsync(org, Roles.Admin);
        await PostOk(admin, "/api/events", """
            {"events":[{"type":"skill_defined","skill":"secure-coding","name":"Secure coding","scaleMin":1,"scaleMax":5,"occurredAt":"2024-01-01T00:00:00Z"}]}
            """);
        if (withMapping) await PostOk(admin, "/api/events", Mapping());
        var lrs = await app.ClientForAsync(org, Roles.Lrs);
        lrs.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        return (admin, lrs);
    }

    private static async Task PostOk(HttpClient c, string path, string json)
    {
        var r = await c.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(r.IsSuccessStatusCode, $"POST {path} → {(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
    }

    private static string Actor(string name) => $$$"""{"account":{"homePage":"{{{Lms}}}","name":"{{{name}}}"}}""";

    /// <summary>A cmi5-style statement: the AU's publisher id in grouping, the cmi5 category, one registration.</summary>
    private static string Statement(string id, string verb, string obj, string actor, string? result = null, string timestamp = "2025-06-02T10:00:00Z") => $$$"""
        {"id":"{{{id}}}","actor":{{{actor}}},"verb":{"id":"{{{verb}}}"},"object":{"id":"{{{obj}}}"},
         {{{(result is null ? "" : $"\"result\":{result},")}}}
         "context":{"registration":"6f1c1c42-1b7a-4c4b-9a55-0a4c3f3c1d10","contextActivities":{"grouping":[{"id":"{{{Quiz}}}"}],"category":[{"id":"{{{Cmi5Category}}}"}]}},
         "timestamp":"{{{timestamp}}}"}
        """;

    private async Task<List<JsonElement>> EventsAsync(string org, string type)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select data::text from ledger.mt_events where tenant_id = $1 and type = $2 order by seq_id", conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(type);
        var list = new List<JsonElement>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(JsonDocument.Parse(r.GetString(0)).RootElement.Clone());
        return list;
    }

    private async Task<long> AllEventsAsync(string org)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from ledger.mt_events where tenant_id = $1", conn);
        cmd.Parameters.AddWithValue(org);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<JsonElement> Lineage(HttpClient admin, string person) =>
        await (await admin.GetAsync($"/api/people/{person}/skills/secure-coding/lineage")).Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_cmi5_course_session_gives_one_course_completion_and_the_quiz_score_a_test_assessment()
    {
        var (admin, lrs) = await OrganisationAsync("xe-cmi5");
        var ann = Actor("ann");
        string[] ids = [.. Enumerable.Range(0, 6).Select(_ => Guid.NewGuid().ToString())];
        var session = "[" + string.Join(",",
            Statement(ids[0], "http://adlnet.gov/expapi/verbs/launched", QuizSession, ann),
            Statement(ids[1], "http://adlnet.gov/expapi/verbs/initialized", QuizSession, ann),
            Statement(ids[2], "http://adlnet.gov/expapi/verbs/passed", QuizSession, ann, """{"score":{"scaled":0.8},"success":true,"duration":"PT20M"}"""),
            Statement(ids[3], "http://adlnet.gov/expapi/verbs/completed", QuizSession, ann, """{"completion":true,"duration":"PT25M"}"""),
            Statement(ids[4], "http://adlnet.gov/expapi/verbs/terminated", QuizSession, ann),
            Statement(ids[5], "https://w3id.org/xapi/adl/verbs/satisfied", Course, ann)) + "]";
        var post = await lrs.PostAsync("/xapi/statements", new StringContent(session, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);

        var completion = Assert.Single(await EventsAsync("xe-cmi5", "course_completed"));
        Assert.Equal("E1", completion.GetProperty("personId").GetString());
        Assert.Equal("secure-coding", completion.GetProperty("courseId").GetString());
        Assert.Equal("security", completion.GetProperty("programId").GetString());
        Assert.Equal(6m, completion.GetProperty("hours").GetDecimal()); // catalogue hours: the satisfied statement has no duration
        Assert.Equal(ids[5], completion.GetProperty("sourceStatementId").GetString());
        Assert.Equal($"xapi:{ids[5]}:course", completion.GetProperty("eventId").GetString());

        // 1 + 0.8 · (5 − 1) = 4.2, method test; the lineage shows the statement beside the event.
        var lineage = await Lineage(admin, "E1");
        Assert.Equal(4.2, lineage.GetProperty("level").GetDouble(), 9);
        var step = Assert.Single(lineage.GetProperty("steps").EnumerateArray());
        Assert.Equal("test", step.GetProperty("method").GetString());
        Assert.Equal(ids[2], step.GetProperty("sourceStatementId").GetString());

        var status = await (await admin.GetAsync("/api/xapi/status")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(6, status.GetProperty("stored").GetInt64());
        Assert.Equal(2, status.GetProperty("byState").GetProperty("derived").GetInt64());
        Assert.Equal(4, status.GetProperty("byState").GetProperty("not_evidence").GetInt64());
    }

    [Fact]
    public async Task A_score_is_placed_on_the_skills_scale_and_an_mbox_matches_whatever_its_case()
    {
        var (admin, lrs) = await OrganisationAsync("xe-score");
        // scaled 0.7125 → 1 + 0.7125 · 4 = 3.85 → 3.9 (half away from zero, one decimal).
        var id = Guid.NewGuid().ToString();
        var s = Statement(id, "http://adlnet.gov/expapi/verbs/passed", QuizSession, """{"mbox":"mailto:bob@EXAMPLE.com"}""", """{"score":{"scaled":0.7125}}""");
        Assert.Equal(HttpStatusCode.OK, (await lrs.PostAsync("/xapi/statements", new StringContent(s, Encoding.UTF8, "application/json"))).StatusCode);
        var assessed = Assert.Single(await EventsAsync("xe-score", "skill_assessed"));
        Assert.Equal("E2", assessed.GetProperty("personId").GetString());
        Assert.Equal(3.9m, assessed.GetProperty("level").GetDecimal());
        Assert.Equal(3.9, (await Lineage(admin, "E2")).GetProperty("level").GetDouble(), 9);

        // raw 2 of 0..10 with no scaled: (2 − 0)/(10 − 0) = 0.2 → 1 + 0.8 = 1.8; the level is the mean of two equally
        // weighted tests on the same day: (3.9 + 1.8) / 2 = 2.85.
        var raw = Statement(Guid.NewGuid().ToString(), "http://adlnet.gov/expapi/verbs/failed", QuizSession, """{"mbox":"mailto:Bob@example.com"}""", """{"score":{"raw":2,"min":0,"max":10}}""");
        Assert.Equal(HttpStatusCode.OK, (await lrs.PostAsync("/xapi/statements", new StringContent(raw, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(2.85, (await Lineage(admin, "E2")).GetProperty("level").GetDouble(), 9);
    }

    [Fact]
    public async Task Voiding_a_statement_retracts_its_assessment_and_the_level_is_recomputed()
    {
        var (admin, lrs) = await OrganisationAsync("xe-void");
        var (low, high) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var both = "[" + Statement(low, "http://adlnet.gov/expapi/verbs/scored", QuizSession, Actor("ann"), """{"score":{"scaled":0.5}}""") + "," +
                   Statement(high, "http://adlnet.gov/expapi/verbs/scored", QuizSession, Actor("ann"), """{"score":{"scaled":1}}""") + "]";
        Assert.Equal(HttpStatusCode.OK, (await lrs.PostAsync("/xapi/statements", new StringContent(both, Encoding.UTF8, "application/json"))).StatusCode);
        // 3.0 and 5.0 on the same day, equal weights: 4.0.
        Assert.Equal(4.0, (await Lineage(admin, "E1")).GetProperty("level").GetDouble(), 9);

        var voiding = Guid.NewGuid().ToString();
        var v = $$$"""{"id":"{{{voiding}}}","actor":{"mbox":"mailto:admin@example.com"},"verb":{"id":"http://adlnet.gov/expapi/verbs/voided"},"object":{"objectType":"StatementRef","id":"{{{high}}}"}}""";
        Assert.Equal(HttpStatusCode.OK, (await lrs.PostAsync("/xapi/statements", new StringContent(v, Encoding.UTF8, "application/json"))).StatusCode);

        var retraction = Assert.Single(await EventsAsync("xe-void", "assessment_retracted"));
        Assert.Equal($"xapi:{high}:skill", retraction.GetProperty("retractsEventId").GetString());
        Assert.Equal(voiding, retraction.GetProperty("sourceStatementId").GetString());
        var lineage = await Lineage(admin, "E1");
        Assert.Equal(3.0, lineage.GetProperty("level").GetDouble(), 9);
        Assert.Contains(lineage.GetProperty("steps").EnumerateArray(), s => s.GetProperty("type").GetString() == "assessment_retracted"
            && s.GetProperty("sourceStatementId").GetString() == voiding);
    }

    [Fact]
    public async Task A_statement_of_an_unknown_actor_is_held_back_then_replayed_once_the_mapping_knows_the_actor()
    {
        var (admin, lrs) = await OrganisationAsync("xe-replay");
        var id = Guid.NewGuid().ToString();
        var s = Statement(id, "http://adlnet.gov/expapi/verbs/passed", QuizSession, Actor("carol"), """{"score":{"scaled":0.25}}""");
        Assert.Equal(HttpStatusCode.OK, (await lrs.PostAsync("/xapi/statements", new StringContent(s, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Empty(await EventsAsync("xe-replay", "skill_assessed"));
        var status = await (await admin.GetAsync("/api/xapi/status")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, status.GetProperty("byState").GetProperty("held_back:unknown_actor").GetInt64());

        await PostOk(admin, "/api/events", Mapping($$$""",{"personId":"E3","account":{"homePage":"{{{Lms}}}","name":"carol"}}"""));
        var replay = await (await admin.PostAsync("/api/xapi/replay", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, replay.GetProperty("derived").GetInt32());
        Assert.Equal(1, replay.GetProperty("events").GetInt32());
        // 1 + 0.25 · 4 = 2.0
        var assessed = Assert.Single(await EventsAsync("xe-replay", "skill_assessed"));
        Assert.Equal("E3", assessed.GetProperty("personId").GetString());
        Assert.Equal(2.0m, assessed.GetProperty("level").GetDecimal());

        // A second replay finds nothing held back.
        var again = await (await admin.PostAsync("/api/xapi/replay", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("examined").GetInt32());
    }

    [Fact]
    public async Task A_statement_sent_again_adds_nothing()
    {
        var (_, lrs) = await OrganisationAsync("xe-resend");
        var id = Guid.NewGuid().ToString();
        var s = Statement(id, "https://w3id.org/xapi/adl/verbs/satisfied", Course, Actor("ann"));
        Assert.Equal(HttpStatusCode.OK, (await lrs.PostAsync("/xapi/statements", new StringContent(s, Encoding.UTF8, "application/json"))).StatusCode);
        var before = await AllEventsAsync("xe-resend");
        Assert.Equal(HttpStatusCode.OK, (await lrs.PostAsync("/xapi/statements", new StringContent(s, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await lrs.PutAsync($"/xapi/statements?statementId={id}", new StringContent(s, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(before, await AllEventsAsync("xe-resend"));
        Assert.Single(await EventsAsync("xe-resend", "course_completed"));
    }

    [Fact]
    public async Task A_mapping_to_an_undefined_skill_or_a_level_off_its_scale_is_refused_naming_the_field()
    {
        var admin = await app.ClientForAsync("xe-badmap", Roles.Admin);
        var r = await admin.PostAsync("/api/events", new StringContent(Mapping(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("activities[0].skill", await r.Content.ReadAsStringAsync());
        await PostOk(admin, "/api/events", """
            {"events":[{"type":"skill_defined","skill":"secure-coding","name":"Secure coding","scaleMin":1,"scaleMax":5,"occurredAt":"2024-01-01T00:00:00Z"}]}
            """);
        r = await admin.PostAsync("/api/events", new StringContent(Mapping().Replace("\"passLevel\":3", "\"passLevel\":6"), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("activities[0].passLevel", await r.Content.ReadAsStringAsync());
    }

    private Task<SkillsLedger.Audit.VerificationResult> VerifyAsync(string org) => XapiRows.VerifyAsync(app.ConnectionString, org);

    private Task ExecuteAsync(string sql, string org, string id) => XapiRows.ScalarAsync(app.ConnectionString, sql, org, id);

    [Fact]
    public async Task Verify_detects_a_statement_changed_or_deleted_behind_the_ledgers_back()
    {
        var (_, lrs) = await OrganisationAsync("xe-chain");
        var (a, b) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var two = "[" + Statement(a, "http://adlnet.gov/expapi/verbs/experienced", Course, Actor("ann")) + "," +
                  Statement(b, "http://adlnet.gov/expapi/verbs/experienced", Course, Actor("ann")) + "]";
        Assert.Equal(HttpStatusCode.OK, (await lrs.PostAsync("/xapi/statements", new StringContent(two, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.True((await VerifyAsync("xe-chain")).Ok);

        // One character of the stored JSON changed (the verb), as someone with database access might.
        await ExecuteAsync("update ledger.ledger_xapi_statements set statement = replace(statement, 'experienced', 'experiencet') where tenant_id = $1 and statement_id = $2", "xe-chain", b);
        var changed = await VerifyAsync("xe-chain");
        Assert.False(changed.Ok);
        Assert.Contains($"xAPI statement {b} does not match", changed.Reason);
        await ExecuteAsync("update ledger.ledger_xapi_statements set statement = replace(statement, 'experiencet', 'experienced') where tenant_id = $1 and statement_id = $2", "xe-chain", b);
        Assert.True((await VerifyAsync("xe-chain")).Ok);

        await ExecuteAsync("delete from ledger.ledger_xapi_statements where tenant_id = $1 and statement_id = $2", "xe-chain", a);
        var deleted = await VerifyAsync("xe-chain");
        Assert.False(deleted.Ok);
        Assert.Contains($"xAPI statement {a}", deleted.Reason);
        Assert.Contains("deleted", deleted.Reason);
    }

    [Fact]
    public async Task Erasing_a_person_redacts_their_statements_keeps_the_count_and_the_chain_verifies()
    {
        var (admin, lrs) = await OrganisationAsync("xe-erase");
        var id = Guid.NewGuid().ToString();
        var s = Statement(id, "http://adlnet.gov/expapi/verbs/passed", QuizSession, Actor("ann"), """{"score":{"scaled":0.5},"response":"my own words"}""");
        Assert.Equal(HttpStatusCode.OK, (await lrs.PostAsync("/xapi/statements", new StringContent(s, Encoding.UTF8, "application/json"))).StatusCode);

        Assert.True((await admin.PostAsync("/api/people/E1/erase", null)).IsSuccessStatusCode);
        var stored = await (await lrs.GetAsync($"/xapi/statements?statementId={id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("ann", stored);
        Assert.DoesNotContain("my own words", stored);
        Assert.Contains("urn:skillsledger:erased", stored);
        var status = await (await admin.GetAsync("/api/xapi/status")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, status.GetProperty("stored").GetInt64());
        // The agent filter no longer finds the person's statements by their old identifier.
        var byAgent = await (await lrs.GetAsync("/xapi/statements?agent=" + Uri.EscapeDataString(Actor("ann")))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, byAgent.GetProperty("statements").GetArrayLength());
        Assert.True((await VerifyAsync("xe-erase")).Ok);
    }

    [Fact]
    public async Task Erasing_a_person_deletes_the_attachment_content_only_their_statements_name()
    {
        var (admin, lrs) = await OrganisationAsync("xe-erase-attachments");
        byte[] essay = Encoding.UTF8.GetBytes("Ann's essay"), shared = Encoding.UTF8.GetBytes("course handout");
        var (ann, other) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        string With(string statement, params byte[][] contents) =>
            statement.TrimEnd()[..^1] + ",\"attachments\":[" + string.Join(",", contents.Select(c => XapiMultipart.Attachment(c))) + "]}";
        var batch = "[" + With(Statement(ann, "http://adlnet.gov/expapi/verbs/passed", QuizSession, Actor("ann"), """{"score":{"scaled":0.5}}"""), essay, shared) + "," +
                    With(Statement(other, "http://adlnet.gov/expapi/verbs/experienced", Course, Actor("someone-else")), shared) + "]";
        Assert.Equal(HttpStatusCode.OK, (await lrs.PostAsync("/xapi/statements", XapiMultipart.Body(batch, new(essay), new(shared)))).StatusCode);

        Assert.True((await admin.PostAsync("/api/people/E1/erase", null)).IsSuccessStatusCode);
        var (_, annParts) = await XapiMultipart.ReadAsync(await lrs.GetAsync($"/xapi/statements?statementId={ann}&attachments=true"));
        // The essay was Ann's alone: gone. The handout is also named by another person's statement: kept for both.
        Assert.Equal([XapiMultipart.Sha256(shared)], annParts.Select(p => p.Hash));
        var (_, otherParts) = await XapiMultipart.ReadAsync(await lrs.GetAsync($"/xapi/statements?statementId={other}&attachments=true"));
        Assert.Single(otherParts);
        Assert.True((await VerifyAsync("xe-erase-attachments")).Ok);
    }
}
