using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Ingestion;

[Collection(SharedLedger.Ingestion)]
public sealed class AppendEventsTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("ingestion-append");

    [Fact]
    public async Task A_batch_is_appended_and_handed_back_exactly_with_server_metadata()
    {
        var response = await app.PostJsonAsync("/api/events", """
            {"events": [
              {"type":"skill_defined","eventId":"contract-sql","skill":"contract-sql","name":"SQL","scaleMin":1,"scaleMax":5,"levelLabels":["a","b","c","d","e"],"occurredAt":"2024-01-01T00:00:00Z","source":"taxonomy"},
              {"type":"person_hired","eventId":"contract-h1","personId":"C1","department":"Data","role":"analyst","team":"core","monthlySalary":5123.45,"occurredAt":"2024-02-01T08:30:00+02:00"},
              {"type":"skill_assessed","eventId":"contract-a1","personId":"C1","skill":"contract-sql","level":3.5,"method":"peer","assessorId":"C9","evidence":"Reviewed the Q1 report","occurredAt":"2025-03-01T09:00:00.123-05:00","source":"hris"}
            ]}
            """, r => r.Headers.Add("X-Correlation-Id", "corr-contract-1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, body.GetProperty("appended").GetInt32());
        Assert.Equal(0, body.GetProperty("duplicates").GetInt32());
        Assert.True(body.GetProperty("lastSequence").GetInt64() >= 3);
        Assert.Equal("corr-contract-1", response.Headers.GetValues("X-Correlation-Id").Single());

        var history = await app.GetJsonAsync("/api/people/C1/events");
        Assert.Equal("C1", history.GetProperty("personId").GetString());
        Assert.Equal(2, history.GetProperty("version").GetInt64());
        var events = history.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["person_hired", "skill_assessed"], events.Select(e => e.GetProperty("type").GetString()));
        var assessed = events[1];
        Assert.Equal("contract-a1", assessed.GetProperty("eventId").GetString());
        Assert.Equal(3.5m, assessed.GetProperty("level").GetDecimal());
        Assert.Equal("peer", assessed.GetProperty("method").GetString());
        Assert.Equal("C9", assessed.GetProperty("assessorId").GetString());
        Assert.Equal("Reviewed the Q1 report", assessed.GetProperty("evidence").GetString());
        Assert.Equal("hris", assessed.GetProperty("source").GetString());
        // Business time keeps its instant and its offset.
        Assert.Equal(DateTimeOffset.Parse("2025-03-01T09:00:00.123-05:00"), assessed.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromHours(-5), assessed.GetProperty("occurredAt").GetDateTimeOffset().Offset);
        Assert.Equal(5123.45m, events[0].GetProperty("monthlySalary").GetDecimal());
        // Server metadata.
        Assert.Equal(2, assessed.GetProperty("version").GetInt64());
        Assert.True(assessed.GetProperty("sequence").GetInt64() > events[0].GetProperty("sequence").GetInt64());
        Assert.StartsWith("key:admin-", assessed.GetProperty("recordedBy").GetString()); // the key that recorded it
        Assert.Equal("corr-contract-1", assessed.GetProperty("correlationId").GetString());
        var recordedAt = assessed.GetProperty("recordedAt").GetDateTimeOffset();
        Assert.InRange(recordedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_skill_category_of_contract_v1_1_is_stored_and_a_bad_one_writes_nothing()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.PostEventsAsync(new
        {
            type = "skill_defined", eventId = "v11-ct", skill = "v11-critical-thinking", name = "Critical thinking",
            scaleMin = 1, scaleMax = 5, category = "power", occurredAt = "2024-01-01T00:00:00Z",
        })).StatusCode);
        Assert.Equal("power", await StoredCategoryAsync("v11-ct"));

        var before = await app.CountRowsAsync();
        var bad = await app.PostEventsAsync(
            new { type = "skill_defined", eventId = "v11-ok", skill = "v11-ok", name = "Fine", scaleMin = 1, scaleMax = 5, occurredAt = "2024-01-01T00:00:00Z" },
            new { type = "skill_defined", eventId = "v11-bad", skill = "v11-bad", name = "Bad", scaleMin = 1, scaleMax = 5, category = new string('x', 101), occurredAt = "2024-01-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "events[1].category");
        Assert.Equal(before, await app.CountRowsAsync());
    }

    private async Task<string?> StoredCategoryAsync(string eventId)
    {
        await using var conn = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("select data->>'category' from ledger.mt_events where data->>'eventId' = $1 and tenant_id = $2", conn);
        cmd.Parameters.AddWithValue(eventId);
        cmd.Parameters.AddWithValue(app.Organisation);
        return (string?)await cmd.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Events_without_an_id_get_one_from_the_server()
    {
        await app.PostEventsAsync(Events.SkillDefined("noid-skill"));
        var response = await app.PostEventsAsync(Events.Assessed("NOID1", "noid-skill", 2));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = await app.GetJsonAsync("/api/people/NOID1/events");
        var id = history.GetProperty("events")[0].GetProperty("eventId").GetString();
        Assert.False(string.IsNullOrEmpty(id));
        Assert.True(Guid.TryParse(id, out _));
    }

    [Fact]
    public async Task Re_sending_an_event_id_is_a_duplicate_and_appends_nothing()
    {
        await app.PostEventsAsync(Events.SkillDefined("dup-skill", eventId: "dup-skill-def"));
        var first = await (await app.PostEventsAsync(Events.Assessed("DUP1", "dup-skill", 3, eventId: "dup-a1"))).Content.ReadFromJsonAsync<JsonElement>();
        var before = await app.CountRowsAsync();

        var again = await app.PostEventsAsync(Events.Assessed("DUP1", "dup-skill", 3, eventId: "dup-a1"), Events.Assessed("DUP1", "dup-skill", 4, eventId: "dup-a2"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("appended").GetInt32());
        Assert.Equal(1, body.GetProperty("duplicates").GetInt32());
        Assert.Equal("dup-a1", body.GetProperty("duplicateEventIds")[0].GetString());
        Assert.Equal(before.Events + 1, (await app.CountRowsAsync()).Events);

        var onlyDuplicates = await (await app.PostEventsAsync(Events.Assessed("DUP1", "dup-skill", 3, eventId: "dup-a1"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, onlyDuplicates.GetProperty("appended").GetInt32());
        Assert.Equal(first.GetProperty("lastSequence").GetInt64(), onlyDuplicates.GetProperty("lastSequence").GetInt64());
        var history = await app.GetJsonAsync("/api/people/DUP1/events");
        Assert.Equal(2, history.GetProperty("events").GetArrayLength());
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_returns_the_first_response_and_appends_nothing()
    {
        await app.PostEventsAsync(Events.SkillDefined("idem-skill"));
        var json = JsonSerializer.Serialize(new { events = new[] { Events.Assessed("IDEM1", "idem-skill", 2) } });
        var first = await app.PostJsonAsync("/api/events", json, r => r.Headers.Add("Idempotency-Key", "key-1"));
        var firstBody = await first.Content.ReadAsStringAsync();
        var rows = await app.CountRowsAsync();

        var second = await app.PostJsonAsync("/api/events", json, r => r.Headers.Add("Idempotency-Key", "key-1"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.Equal(rows, await app.CountRowsAsync());
        // Without an eventId the event would be appended twice were it not for the key.
        Assert.Equal(1, (await app.GetJsonAsync("/api/people/IDEM1/events")).GetProperty("events").GetArrayLength());

        var otherBody = JsonSerializer.Serialize(new { events = new[] { Events.Assessed("IDEM1", "idem-skill", 4) } });
        var conflict = await app.PostJsonAsync("/api/events", otherBody, r => r.Headers.Add("Idempotency-Key", "key-1"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType!.MediaType);
        Assert.Equal(rows, await app.CountRowsAsync());
    }

    [Fact]
    public async Task A_skill_can_be_defined_and_assessed_in_the_same_batch_and_catalogue_events_get_their_own_streams()
    {
        var response = await app.PostJsonAsync("/api/events", """
            {"events": [
              {"type":"skill_defined","skill":"batch-skill","name":"Batch","scaleMin":0,"scaleMax":4,"occurredAt":"2024-01-01T00:00:00Z"},
              {"type":"role_profile_defined","role":"batch-role","requirements":[{"skill":"batch-skill","level":3}],"occurredAt":"2024-01-01T00:00:00Z"},
              {"type":"skill_assessed","personId":"B1","skill":"batch-skill","level":0,"method":"self","occurredAt":"2024-05-01T00:00:00Z"},
              {"type":"program_cost","programId":"batch-prog","amount":1200.50,"currency":"EUR","category":"venue","occurredAt":"2024-05-01T00:00:00Z"},
              {"type":"roi_assumption_set","name":"loaded_hourly_cost","value":65,"unit":"EUR/hour","note":"finance 2024","occurredAt":"2024-05-01T00:00:00Z"},
              {"type":"course_completed","personId":"B1","courseId":"c-1","programId":"batch-prog","hours":12.5,"score":88,"skills":["batch-skill"],"occurredAt":"2024-06-01T00:00:00Z"},
              {"type":"performance_signal","personId":"B1","metric":"tickets_resolved","value":140,"unit":"tickets/month","occurredAt":"2024-06-30T00:00:00Z"},
              {"type":"person_moved","personId":"B1","team":"batch-team-2","occurredAt":"2024-07-01T00:00:00Z"},
              {"type":"person_left","personId":"B1","reason":"voluntary","occurredAt":"2024-08-01T00:00:00Z"}
            ]}
            """);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var streams = (await app.FeedAsync()).Select(e => e.GetProperty("stream").GetString()).ToHashSet();
        Assert.Contains("skill:batch-skill", streams);
        Assert.Contains("role:batch-role", streams);
        Assert.Contains("program:batch-prog", streams);
        Assert.Contains("roi-assumption:loaded_hourly_cost", streams);
        Assert.Contains("person:B1", streams);
        var person = await app.GetJsonAsync("/api/people/B1/events");
        Assert.Equal(["skill_assessed", "course_completed", "performance_signal", "person_moved", "person_left"],
            person.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task The_global_feed_pages_in_sequence_order()
    {
        await app.PostEventsAsync(Events.SkillDefined("feed-skill"));
        for (var i = 0; i < 5; i++) await app.PostEventsAsync(Events.Assessed($"FEED{i}", "feed-skill", 1 + i % 5));
        var all = (await app.FeedAsync()).Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(all.Order(), all);
        Assert.Equal(all.Count, all.Distinct().Count());

        // From just before this organisation's first event (the host may hold other organisations' events before it).
        var page1 = await app.GetJsonAsync($"/api/events?after={all[0] - 1}&limit=2");
        Assert.Equal(2, page1.GetProperty("count").GetInt32());
        var next = page1.GetProperty("lastSequence").GetInt64();
        var page2 = await app.GetJsonAsync($"/api/events?after={next}&limit=2");
        Assert.All(page2.GetProperty("events").EnumerateArray(), e => Assert.True(e.GetProperty("sequence").GetInt64() > next));
        Assert.Equal(all.Skip(2).Take(2), page2.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task Unknown_person_is_404_problem()
    {
        var response = await app.Client.GetAsync("/api/people/NOBODY-HERE/events");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Health_and_openapi_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal("ready", (await app.GetJsonAsync("/health/ready")).GetProperty("status").GetString());
        var openApi = await app.GetJsonAsync("/openapi/v1.json");
        var paths = openApi.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/events", out _));
        Assert.True(paths.TryGetProperty("/api/people/{personId}/events", out _));
    }
}
