using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten.Events;
using Npgsql;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.SkillLevels;

/// <summary>
/// One person, one skill (scale 1–5), a history an auditor would ask about:
///   a1  manager, level 2, occurred 2024-01-01
///   a2  test,    level 4, occurred 2025-01-01 (366 days later: 2024 is a leap year)
///   a3  self,    level 5, occurred 2025-01-01, recorded in a second batch and later retracted (r1)
/// Expected values worked by hand (rule weighted-recency v1, half-life 365 days, t* = 2025-01-01):
///   w1 = 0.7 · 0.5^(366/365) = 0.7 · 0.4990513843 = 0.3493359690;  w2 = 0.9 · 0.5^0 = 0.9;  w3 = 0.3
///   with a3:    (0.3493359690·2 + 0.9·4 + 0.3·5) / 1.5493359690 = 5.7986719381 / 1.5493359690 = 3.7426820612
///   without a3: (0.3493359690·2 + 0.9·4) / 1.2493359690 = 4.2986719381 / 1.2493359690 = 3.4407653703
///   as of 2024-06-30: only a1, age 0 → level 2, evidence weight 0.7
///   growth (a1, a2): slope = (4 − 2) / (366 / 365.25 years) = 1.9959016393 levels per year
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class SkillLevelsTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("skill-levels");

    private static DateTimeOffset _beforeLateBatch;
    private static DateTimeOffset _beforeRetraction;
    private static bool _loaded;
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_loaded) return;
            Ok(await app.PostJsonAsync("/api/events", """
                {"events":[
                 {"type":"skill_defined","eventId":"sl-sql","skill":"sl-sql","name":"SQL","scaleMin":1,"scaleMax":5,"occurredAt":"2023-01-01T00:00:00Z"},
                 {"type":"role_profile_defined","eventId":"sl-role","role":"sl-analyst","requirements":[{"skill":"sl-sql","level":4}],"occurredAt":"2023-01-01T00:00:00Z"},
                 {"type":"person_hired","eventId":"sl-h1","personId":"L1","department":"Data","role":"sl-analyst","team":"sl-team","occurredAt":"2023-06-01T00:00:00Z"},
                 {"type":"person_hired","eventId":"sl-h2","personId":"L2","department":"Data","role":"sl-analyst","team":"sl-team","occurredAt":"2023-06-01T00:00:00Z"},
                 {"type":"skill_assessed","eventId":"sl-a1","personId":"L1","skill":"sl-sql","level":2,"method":"manager","occurredAt":"2024-01-01T00:00:00Z"},
                 {"type":"skill_assessed","eventId":"sl-a2","personId":"L1","skill":"sl-sql","level":4,"method":"test","occurredAt":"2025-01-01T00:00:00Z"}
                ]}
                """));
            // The knownAt cuts are the ledger's own recorded times (recordedAt ≤ knownAt counts), read back after each
            // batch, not clock readings between sleeps: each later batch must be recorded strictly after the cut.
            _beforeLateBatch = await LastRecordedAtAsync();
            Ok(await app.PostEventsAsync(Events.Assessed("L1", "sl-sql", 5, "self", "sl-a3", "2025-01-01T00:00:00Z")));
            _beforeRetraction = await LastRecordedAtAsync();
            Assert.True(_beforeRetraction > _beforeLateBatch, "the late batch was recorded at the same moment as the first");
            Ok(await app.PostEventsAsync(new { type = "assessment_retracted", eventId = "sl-r1", personId = "L1", retractsEventId = "sl-a3", reason = "self-rating entered twice", occurredAt = "2025-02-01T00:00:00Z" }));
            Assert.True(await LastRecordedAtAsync() > _beforeRetraction, "the retraction was recorded at the same moment as the late batch");
            _loaded = true;
        }
        finally { Gate.Release(); }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>When the ledger recorded L1's latest sl-sql event, from the lineage (which lists every event, retractions too).</summary>
    private async Task<DateTimeOffset> LastRecordedAtAsync()
    {
        var lineage = await app.GetJsonAsync("/api/people/L1/skills/sl-sql/lineage");
        return lineage.GetProperty("steps").EnumerateArray().Max(s => s.GetProperty("recordedAt").GetDateTimeOffset());
    }

    private static void Ok(HttpResponseMessage r) => Assert.True(r.IsSuccessStatusCode, r.Content.ReadAsStringAsync().Result);

    private static string Q(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O"));

    [Fact]
    public async Task The_single_query_reads_the_same_evidence_as_the_whole_stream_through_Marten()
    {
        var query = (SkillsLedger.SkillLevels.PersonEvidenceQuery)app.Services.GetService(typeof(SkillsLedger.SkillLevels.PersonEvidenceQuery))!;
        await using var session = app.Store.QuerySession(app.Organisation);
        var viaMarten = await SkillsLedger.SkillLevels.PersonEvidence.LoadAsync(session, "L1", CancellationToken.None);
        var (viaSql, defined, _) = await query.LoadAsync(app.Organisation, "L1", "sl-sql", CancellationToken.None);
        Assert.True(defined);
        Assert.NotNull(viaMarten);
        Assert.NotNull(viaSql);
        Assert.Equal(3, viaSql.Assessments.Count);
        Assert.Single(viaSql.Retractions);
        Assert.Equal(viaMarten.Assessments, viaSql.Assessments);
        Assert.Equal(viaMarten.Retractions, viaSql.Retractions);

        Assert.False((await query.LoadAsync(app.Organisation, "L1", "no-such-skill", CancellationToken.None)).SkillDefined);
        Assert.Null((await query.LoadAsync(app.Organisation, "NOBODY", null, CancellationToken.None)).Evidence);
        Assert.Null((await query.LoadAsync("other-org", "L1", null, CancellationToken.None)).Evidence);
        // A hired person without assessments exists: levels are empty, not "no such person".
        var hiredOnly = (await query.LoadAsync(app.Organisation, "L2", null, CancellationToken.None)).Evidence;
        Assert.NotNull(hiredOnly);
        Assert.Empty(hiredOnly.Assessments);
    }

    [Fact]
    public async Task Current_level_follows_the_rule_and_ignores_the_retracted_assessment()
    {
        var body = await app.GetJsonAsync("/api/people/L1/skills");
        Assert.Equal("weighted-recency", body.GetProperty("rule").GetProperty("name").GetString());
        Assert.Equal(1, body.GetProperty("rule").GetProperty("version").GetInt32());
        var sql = body.GetProperty("skills").EnumerateArray().Single(s => s.GetProperty("skill").GetString() == "sl-sql");
        Assert.Equal(3.4407653703, sql.GetProperty("level").GetDouble(), 9);
        Assert.Equal(1.2493359690, sql.GetProperty("evidenceWeight").GetDouble(), 9);
        Assert.Equal(2, sql.GetProperty("assessments").GetInt32());
        Assert.Equal(DateTimeOffset.Parse("2025-01-01T00:00:00Z"), sql.GetProperty("lastAssessedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task As_of_an_earlier_date_only_earlier_assessments_count()
    {
        var one = await app.GetJsonAsync("/api/people/L1/skills/sl-sql?asOf=2024-06-30");
        Assert.Equal(2.0, one.GetProperty("level").GetDouble(), 12);
        Assert.Equal(0.7, one.GetProperty("evidenceWeight").GetDouble(), 12);
        var before = await app.GetJsonAsync("/api/people/L1/skills/sl-sql?asOf=2023-12-31");
        Assert.Equal(JsonValueKind.Null, before.GetProperty("level").ValueKind); // no level, not zero
    }

    [Fact]
    public async Task Known_at_shows_what_the_ledger_believed_then()
    {
        // Before the retraction was recorded we believed the self-rating.
        var believed = await app.GetJsonAsync($"/api/people/L1/skills/sl-sql?knownAt={Q(_beforeRetraction)}");
        Assert.Equal(3.7426820612, believed.GetProperty("level").GetDouble(), 9);
        // Before the late batch was recorded, a3 did not exist for us, even though it occurred on 2025-01-01.
        var earlier = await app.GetJsonAsync($"/api/people/L1/skills/sl-sql?knownAt={Q(_beforeLateBatch)}");
        Assert.Equal(3.4407653703, earlier.GetProperty("level").GetDouble(), 9);
        Assert.Equal(2, earlier.GetProperty("assessments").GetInt32());
    }

    [Fact]
    public async Task Lineage_lists_every_event_and_the_level_can_be_recomputed_from_the_steps_alone()
    {
        var lineage = await app.GetJsonAsync($"/api/people/L1/skills/sl-sql/lineage?knownAt={Q(_beforeRetraction)}");
        var steps = lineage.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["sl-a1", "sl-a2", "sl-a3", "sl-r1"], steps.Select(s => s.GetProperty("eventId").GetString()));
        Assert.All(steps, s =>
        {
            Assert.True(s.GetProperty("sequence").GetInt64() > 0);
            Assert.StartsWith("key:", s.GetProperty("recordedBy").GetString());
            Assert.True(s.TryGetProperty("recordedAt", out _));
        });
        var retraction = steps[3];
        Assert.Equal("assessment_retracted", retraction.GetProperty("type").GetString());
        Assert.False(retraction.GetProperty("included").GetBoolean());
        Assert.Contains("recorded after knownAt", retraction.GetProperty("reason").GetString());

        // The calculator check: weight = methodWeight · 0.5^(ageDays/365); level = Σ w·l / Σ w over included steps.
        double sumW = 0, sumWL = 0;
        foreach (var s in steps.Where(s => s.GetProperty("included").GetBoolean()))
        {
            var w = s.GetProperty("methodWeight").GetDouble() * Math.Pow(0.5, s.GetProperty("ageDays").GetDouble() / 365.0);
            Assert.Equal(w, s.GetProperty("weight").GetDouble(), 12);
            sumW += w;
            sumWL += w * s.GetProperty("level").GetDouble();
        }
        Assert.Equal(lineage.GetProperty("level").GetDouble(), sumWL / sumW, 12);
        Assert.Equal(3.7426820612, lineage.GetProperty("level").GetDouble(), 9);
        Assert.Equal(366.0, steps[0].GetProperty("ageDays").GetDouble(), 9);

        // Now (retraction known): a3 is out, and the reason names the retraction's event id.
        var now = await app.GetJsonAsync("/api/people/L1/skills/sl-sql/lineage");
        var a3 = now.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("eventId").GetString() == "sl-a3");
        Assert.False(a3.GetProperty("included").GetBoolean());
        Assert.Contains("sl-r1", a3.GetProperty("reason").GetString());
        Assert.Equal(3.4407653703, now.GetProperty("level").GetDouble(), 9);
    }

    [Fact]
    public async Task Reads_repeated_on_the_prepared_read_pool_give_the_same_answer_and_no_server_timing_by_default()
    {
        // The read pool prepares a statement after two uses and keeps it across pooled connections: the third and
        // later answers come from the prepared statements and must equal the first.
        var first = await app.Client.GetStringAsync("/api/people/L1/skills/sl-sql/lineage?asOf=2025-06-30&knownAt=2030-01-01");
        for (var i = 0; i < 6; i++)
            Assert.Equal(first, await app.Client.GetStringAsync("/api/people/L1/skills/sl-sql/lineage?asOf=2025-06-30&knownAt=2030-01-01"));
        var response = await app.Client.GetAsync("/api/people/L1/skills");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server-Timing")); // only with SKILLSLEDGER_SERVER_TIMING=1
        // Written in one go (SmallJson): the length is announced, not streamed in chunks.
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal("L1", System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("personId").GetString());
    }

    [Fact]
    public async Task Unknown_person_or_skill_is_404_and_bad_dates_400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/people/NOPE/skills")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/people/L1/skills/no-such-skill")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/people/NOPE/skills/sl-sql/lineage")).StatusCode);
        var bad = await app.Client.GetAsync("/api/people/L1/skills/sl-sql?asOf=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("asOf", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("field").GetString());
        var badKnown = await app.Client.GetAsync("/api/people/L1/skills/sl-sql/lineage?knownAt=2025-13-45");
        Assert.Equal(HttpStatusCode.BadRequest, badKnown.StatusCode);
    }

    [Fact]
    public async Task Analytics_tables_agree_with_the_api_gaps_and_growth_follow()
    {
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using (var cmd = new NpgsqlCommand(
            $"select level, evidence_weight, assessments, rule_name, rule_version from analytics.person_skill_level where org_id = '{app.Organisation}' and person_id = 'L1' and skill = 'sl-sql'", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            Assert.True(await r.ReadAsync());
            Assert.Equal(3.4407653703, r.GetDouble(0), 9);
            Assert.Equal(1.2493359690, r.GetDouble(1), 9);
            Assert.Equal(2, r.GetInt32(2));
            Assert.Equal("weighted-recency", r.GetString(3));
            Assert.Equal(1, r.GetInt32(4));
        }
        await using (var cmd = new NpgsqlCommand("select included, retracted_by_event_id from analytics.skill_assessment where event_id = 'sl-a3'", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            Assert.True(await r.ReadAsync());
            Assert.False(r.GetBoolean(0));
            Assert.Equal("sl-r1", r.GetString(1));
        }
        await using (var cmd = new NpgsqlCommand("select slope_per_year, assessments from analytics.skill_growth where person_id = 'L1' and skill = 'sl-sql'", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            Assert.True(await r.ReadAsync());
            Assert.Equal(1.9959016393, r.GetDouble(0), 9);
            Assert.Equal(2, r.GetInt32(1));
        }

        // Gaps: target 4; L1 at 3.4408 → gap 0.5592; L2 never assessed → gap = target.
        var gaps = await app.GetJsonAsync("/api/teams/sl-team/gaps");
        var rows = gaps.GetProperty("gaps").EnumerateArray().ToDictionary(g => g.GetProperty("personId").GetString()!);
        Assert.Equal(4 - 3.4407653703, rows["L1"].GetProperty("gap").GetDouble(), 9);
        Assert.Equal(4.0, rows["L2"].GetProperty("gap").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, rows["L2"].GetProperty("level").ValueKind);
        var summary = gaps.GetProperty("summary")[0];
        Assert.Equal(2, summary.GetProperty("belowTarget").GetInt32());
        Assert.Equal((4 - 3.4407653703 + 4) / 2, summary.GetProperty("meanGap").GetDouble(), 9);
        var personGaps = await app.GetJsonAsync("/api/people/L2/gaps");
        Assert.Single(personGaps.GetProperty("gaps").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/teams/no-such-team/gaps")).StatusCode);

        // Growth by skill: one person-skill → n = 1, no interval.
        var growth = await app.GetJsonAsync("/api/analytics/growth?by=skill&minGroupSize=1");
        var g = growth.GetProperty("groups").EnumerateArray().Single(x => x.GetProperty("group").GetString() == "sl-sql");
        Assert.Equal(1, g.GetProperty("n").GetInt32());
        Assert.Equal(1.9959016393, g.GetProperty("meanSlope").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, g.GetProperty("ciLow").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client.GetAsync("/api/analytics/growth?by=colour")).StatusCode);

        var status = await app.GetJsonAsync("/api/projections/status");
        var analytics = status.GetProperty("projections").EnumerateArray().Single(p => p.GetProperty("name").GetString()!.StartsWith("analytics"));
        Assert.Equal(0, analytics.GetProperty("lag").GetInt64());
    }
}
