using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkillsLedger.Domain.Validation;
using SkillsLedger.Tests.Support;
using SkillsLedger.Web;

namespace SkillsLedger.Tests.Ingestion;

/// <summary>
/// A corpus of bad requests to the ingestion endpoints. Every one must be refused with a problem response that
/// names the field at fault, never with a 5xx, and must leave the ledger exactly as it was (events, event ids,
/// idempotency records).
/// </summary>
[Collection(SharedLedger.Ingestion)]
public sealed class BadInputTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("ingestion-bad-input");

    private const string Events = "/api/events";
    private const string Past = "2025-03-01T09:00:00Z";
    private const string FutureToken = "{{NOW+26H}}";
    private const string IdempotencyKey = "bi-idempotency-key";

    // ---- catalogue and people the corpus refers to (set up before every test; idempotent through eventIds) ----

    private static readonly string SetupBody = Envelope(
        new JsonObject { ["type"] = "skill_defined", ["eventId"] = "bi-sql-defined", ["skill"] = "bi-sql", ["name"] = "SQL", ["scaleMin"] = 1, ["scaleMax"] = 5, ["occurredAt"] = "2024-01-01T00:00:00Z" },
        new JsonObject { ["type"] = "person_hired", ["eventId"] = "bi-hired", ["personId"] = "BI1", ["department"] = "Data", ["role"] = "analyst", ["occurredAt"] = "2024-02-01T00:00:00Z" },
        new JsonObject { ["type"] = "skill_assessed", ["eventId"] = "bi-existing-assessment", ["personId"] = "BI1", ["skill"] = "bi-sql", ["level"] = 3, ["method"] = "manager", ["occurredAt"] = Past });

    private static readonly string IdempotentBody = Envelope(
        new JsonObject { ["type"] = "performance_signal", ["eventId"] = "bi-idempotent-signal", ["personId"] = "BI1", ["metric"] = "tickets", ["value"] = 12, ["occurredAt"] = Past });

    public async Task InitializeAsync()
    {
        var setup = await app.PostJsonAsync(Events, SetupBody);
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        var keyed = await app.PostJsonAsync(Events, IdempotentBody, r => r.Headers.Add("Idempotency-Key", IdempotencyKey));
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // ---- valid events; each case breaks exactly one thing in one of them ----

    private static JsonObject Assessed() => new()
        { ["type"] = "skill_assessed", ["personId"] = "BI9", ["skill"] = "bi-sql", ["level"] = 3, ["method"] = "peer", ["occurredAt"] = Past };
    private static JsonObject SkillDefined() => new()
        { ["type"] = "skill_defined", ["skill"] = "bi-new-skill", ["name"] = "New", ["scaleMin"] = 1, ["scaleMax"] = 5, ["occurredAt"] = Past };
    private static JsonObject RoleProfile() => new()
        { ["type"] = "role_profile_defined", ["role"] = "bi-role", ["requirements"] = new JsonArray(Requirement("bi-sql", 3)), ["occurredAt"] = Past };
    private static JsonObject Hired() => new()
        { ["type"] = "person_hired", ["personId"] = "BI9", ["department"] = "Data", ["role"] = "analyst", ["monthlySalary"] = 4000, ["occurredAt"] = Past };
    private static JsonObject Moved() => new()
        { ["type"] = "person_moved", ["personId"] = "BI1", ["team"] = "bi-team-2", ["occurredAt"] = Past };
    private static JsonObject Left() => new()
        { ["type"] = "person_left", ["personId"] = "BI9", ["reason"] = "voluntary", ["occurredAt"] = Past };
    private static JsonObject Retracted() => new()
        { ["type"] = "assessment_retracted", ["personId"] = "BI1", ["retractsEventId"] = "bi-existing-assessment", ["reason"] = "entered twice", ["occurredAt"] = Past };
    private static JsonObject Course() => new()
        { ["type"] = "course_completed", ["personId"] = "BI9", ["courseId"] = "bi-course", ["hours"] = 4, ["score"] = 80, ["skills"] = new JsonArray("bi-sql"), ["occurredAt"] = Past };
    private static JsonObject Signal() => new()
        { ["type"] = "performance_signal", ["personId"] = "BI9", ["metric"] = "tickets", ["value"] = 10, ["occurredAt"] = Past };
    private static JsonObject Cost() => new()
        { ["type"] = "program_cost", ["programId"] = "bi-prog", ["amount"] = 100, ["currency"] = "EUR", ["occurredAt"] = Past };
    private static JsonObject Roi() => new()
        { ["type"] = "roi_assumption_set", ["name"] = "bi-hourly-cost", ["value"] = 50, ["occurredAt"] = Past };

    private static readonly Func<JsonObject>[] ValidEvents = [Assessed, SkillDefined, RoleProfile, Hired, Moved, Left, Retracted, Course, Signal, Cost, Roi];

    private static JsonObject Requirement(string skill, decimal level) => new() { ["skill"] = skill, ["level"] = level };

    private static JsonObject With(JsonObject e, string field, JsonNode? value) { e[field] = value; return e; }
    private static JsonObject Without(JsonObject e, string field) { e.Remove(field); return e; }

    private static string Envelope(params JsonNode?[] events) => new JsonObject { ["events"] = new JsonArray(events) }.ToJsonString();
    private static string One(JsonObject e) => Envelope(e);
    private static string PersonEnvelope(JsonNode? expectedVersion, params JsonNode?[] events) =>
        new JsonObject { ["expectedVersion"] = expectedVersion, ["events"] = new JsonArray(events) }.ToJsonString();

    // ---- the corpus ----

    public sealed record BadInput(string Name, int Status, string Field)
    {
        public string Path { get; init; } = Events;
        public string Body { get; init; } = "";
        /// <summary>Raw bytes instead of <see cref="Body"/> (huge bodies, invalid UTF-8).</summary>
        public Func<byte[]>? Bytes { get; init; }
        public string ContentType { get; init; } = "application/json";
        public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
        /// <summary>Send without a Content-Length (chunked), so the server cannot refuse by the header alone.</summary>
        public bool UnknownLength { get; init; }
        /// <summary>The field may be any reported error rather than the first.</summary>
        public bool AnyError { get; init; }
    }

    private static BadInput Bad(string name, string field, string body) => new(name, 400, field) { Body = body };

    private static readonly string Pad101 = new('e', 101);

    private static readonly IReadOnlyList<BadInput> Corpus =
    [
        // Not JSON, or not the JSON we want.
        Bad("malformed: truncated", "body", """{"events": [{"type": "skill_assessed", "personId": "BI9" """),
        Bad("malformed: trailing garbage", "body", One(Assessed()) + " xyz"),
        Bad("malformed: single quotes", "body", "{'events': [{'type': 'skill_assessed'}]}"),
        Bad("malformed: trailing comma", "body", """{"events": [],}"""),
        Bad("malformed: NaN literal", "body", """{"events": [{"type": "performance_signal", "personId": "BI9", "metric": "m", "value": NaN, "occurredAt": "2025-03-01T09:00:00Z"}]}"""),
        Bad("malformed: raw control character inside a string", "body", One(Assessed()).Replace("\"peer\"", "\"pe\u0001er\"")),
        Bad("malformed: nested deeper than 32", "body", "{\"events\": " + new string('[', 40) + new string(']', 40) + "}"),
        new("malformed: invalid UTF-8 in a string", 400, "body") { Bytes = () => InvalidUtf8(One(Assessed()), "BI9") },
        Bad("empty body", "body", ""),
        Bad("whitespace-only body", "body", "   \n  "),
        Bad("body is an array", "body", "[" + One(Assessed()) + "]"),
        Bad("body is a string", "body", "\"events\""),
        Bad("body is a number", "body", "42"),
        Bad("body is null", "body", "null"),

        // The envelope.
        Bad("missing events", "events", "{}"),
        Bad("events is an object", "events", """{"events": {"type": "skill_assessed"}}"""),
        Bad("events is null", "events", """{"events": null}"""),
        Bad("events is a string", "events", """{"events": "skill_assessed"}"""),
        Bad("events is empty", "events", """{"events": []}"""),
        Bad("unknown top-level field", "evnets", new JsonObject { ["evnets"] = new JsonArray(), ["events"] = new JsonArray(Assessed()) }.ToJsonString()),
        Bad("expectedVersion on the all-events route", "expectedVersion", PersonEnvelope(1, Assessed())),
        Bad("events twice at the top level", "body", "{\"events\": [], " + One(Assessed())[1..]),
        Bad("event is a number", "events[0]", """{"events": [42]}"""),
        Bad("second event is null", "events[1]", Envelope(Assessed(), null)),

        // Fields every event has.
        Bad("missing type", "events[0].type", One(Without(Assessed(), "type"))),
        Bad("unknown type", "events[0].type", One(With(Assessed(), "type", "skill_asessed"))),
        Bad("type is a number", "events[0].type", One(With(Assessed(), "type", 3))),
        Bad("type in PascalCase", "events[0].type", One(With(Assessed(), "type", "SkillAssessed"))),
        Bad("missing occurredAt", "events[0].occurredAt", One(Without(Assessed(), "occurredAt"))),
        Bad("occurredAt without offset", "events[0].occurredAt", One(With(Assessed(), "occurredAt", "2025-03-01T09:00:00"))),
        Bad("occurredAt is not a date", "events[0].occurredAt", One(With(Assessed(), "occurredAt", "yesterday"))),
        Bad("occurredAt is an impossible date", "events[0].occurredAt", One(With(Assessed(), "occurredAt", "2025-02-30T09:00:00Z"))),
        Bad("occurredAt is a unix timestamp", "events[0].occurredAt", One(With(Assessed(), "occurredAt", 1740819600))),
        Bad("occurredAt in the year 2999", "events[0].occurredAt", One(With(Assessed(), "occurredAt", "2999-01-01T00:00:00Z"))),
        Bad("occurredAt 26 h in the future", "events[0].occurredAt", One(With(Assessed(), "occurredAt", FutureToken))),
        Bad("eventId of 101 characters", "events[0].eventId", One(With(Assessed(), "eventId", Pad101))),
        Bad("eventId empty", "events[0].eventId", One(With(Assessed(), "eventId", ""))),
        Bad("eventId is a number", "events[0].eventId", One(With(Assessed(), "eventId", 17))),
        Bad("source is an object", "events[0].source", One(With(Assessed(), "source", new JsonObject { ["system"] = "hris" }))),
        Bad("control character (escaped) in a string field", "events[0].evidence", One(With(Assessed(), "evidence", "line one\u0007bell"))),
        Bad("the same field twice in one event", "body", One(Assessed()).Replace("\"level\":3", "\"level\":3,\"level\":5")),
        Bad("newline in personId", "events[0].personId", One(With(Assessed(), "personId", "BI\n9"))),

        // Person events.
        Bad("personId missing", "events[0].personId", One(Without(Assessed(), "personId"))),
        Bad("personId of 65 characters", "events[0].personId", One(With(Assessed(), "personId", new string('p', 65)))),
        Bad("personId whitespace", "events[0].personId", One(With(Assessed(), "personId", "   "))),
        Bad("skill_assessed on an undefined skill", "events[0].skill", One(With(Assessed(), "skill", "bi-cobol"))),
        Bad("level above the scale", "events[0].level", One(With(Assessed(), "level", 6))),
        Bad("level below the scale", "events[0].level", One(With(Assessed(), "level", 0))),
        Bad("level as a string", "events[0].level", One(With(Assessed(), "level", "3"))),
        Bad("level as a boolean", "events[0].level", One(With(Assessed(), "level", true))),
        Bad("level beyond decimal range", "events[0].level", One(Assessed()).Replace("\"level\":3", "\"level\":1e400")),
        Bad("method unknown", "events[0].method", One(With(Assessed(), "method", "guess"))),
        Bad("method missing", "events[0].method", One(Without(Assessed(), "method"))),
        Bad("unknown field (typo levle next to level)", "events[0].levle", One(With(Assessed(), "levle", 4))),
        Bad("typo levle instead of level", "events[0].level", One(With(Without(Assessed(), "level"), "levle", 3))),
        Bad("unknown field in snake_case", "events[0].person_id", One(With(Without(Assessed(), "personId"), "person_id", "BI9")) ) with { AnyError = true },
        Bad("retraction of an unknown event", "events[0].retractsEventId", One(With(Retracted(), "retractsEventId", "bi-no-such-event"))),
        Bad("retraction of a person_hired event", "events[0].retractsEventId", One(With(Retracted(), "retractsEventId", "bi-hired"))),
        Bad("retraction of another person's assessment", "events[0].retractsEventId", One(With(Retracted(), "personId", "BI2"))),
        Bad("retraction without a reason", "events[0].reason", One(Without(Retracted(), "reason"))),
        Bad("course_completed with negative hours", "events[0].hours", One(With(Course(), "hours", -1))),
        Bad("course_completed with score above 100", "events[0].score", One(With(Course(), "score", 100.5))),
        Bad("course_completed skills not an array", "events[0].skills", One(With(Course(), "skills", "bi-sql"))),
        Bad("course_completed skills with an empty entry", "events[0].skills[1]", One(With(Course(), "skills", new JsonArray("bi-sql", "")))),
        Bad("person_left with an unknown reason", "events[0].reason", One(With(Left(), "reason", "fired"))),
        Bad("person_moved with nothing to change", "events[0].department", One(Without(Moved(), "team"))),
        Bad("person_hired with a negative salary", "events[0].monthlySalary", One(With(Hired(), "monthlySalary", -1))),
        Bad("performance_signal value as a string", "events[0].value", One(With(Signal(), "value", "10"))),

        // Catalogue events.
        Bad("skill_defined with scaleMin equal to scaleMax", "events[0].scaleMax", One(With(SkillDefined(), "scaleMax", 1))),
        Bad("skill_defined with scaleMin above scaleMax", "events[0].scaleMax", One(With(SkillDefined(), "scaleMin", 7))),
        Bad("skill_defined with the wrong number of levelLabels", "events[0].levelLabels", One(With(SkillDefined(), "levelLabels", new JsonArray("low", "mid", "high")))),
        Bad("skill_defined with a huge scale and levelLabels", "events[0].levelLabels", One(With(With(SkillDefined(), "scaleMax", 3_000_000_000m), "levelLabels", new JsonArray("one")))),
        Bad("role_profile_defined with no requirements", "events[0].requirements", One(With(RoleProfile(), "requirements", new JsonArray()))),
        Bad("role_profile_defined without requirements", "events[0].requirements", One(Without(RoleProfile(), "requirements"))),
        Bad("role_profile_defined on an undefined skill", "events[0].requirements[0].skill", One(With(RoleProfile(), "requirements", new JsonArray(Requirement("bi-cobol", 3))))),
        Bad("role_profile_defined level outside the scale", "events[0].requirements[0].level", One(With(RoleProfile(), "requirements", new JsonArray(Requirement("bi-sql", 9))))),
        Bad("role_profile_defined with a skill twice", "events[0].requirements", One(With(RoleProfile(), "requirements", new JsonArray(Requirement("bi-sql", 3), Requirement("bi-sql", 4))))),
        Bad("role_profile_defined requirement not an object", "events[0].requirements[0]", One(With(RoleProfile(), "requirements", new JsonArray("bi-sql")))),
        Bad("role_profile_defined requirement with an unknown field", "events[0].requirements[0].lvl", One(With(RoleProfile(), "requirements", new JsonArray(new JsonObject { ["skill"] = "bi-sql", ["level"] = 3, ["lvl"] = 3 })))),
        Bad("program_cost with a negative amount", "events[0].amount", One(With(Cost(), "amount", -0.01m))),
        Bad("program_cost currency EURO", "events[0].currency", One(With(Cost(), "currency", "EURO"))),
        Bad("program_cost currency xyz", "events[0].currency", One(With(Cost(), "currency", "xyz"))),
        Bad("program_cost currency in lower case", "events[0].currency", One(With(Cost(), "currency", "eur"))),
        Bad("roi_assumption_set without value", "events[0].value", One(Without(Roi(), "value"))),

        // Whole batches.
        Bad("same eventId twice in one batch", "events[1].eventId", Envelope(With(Assessed(), "eventId", "bi-twice"), With(Assessed(), "eventId", "bi-twice"))),
        Bad("one good and one bad event", "events[1].level", Envelope(Assessed(), With(Assessed(), "level", 6))),
        Bad("skill defined in the batch, assessed outside its scale", "events[1].level",
            Envelope(With(With(SkillDefined(), "scaleMin", 0), "scaleMax", 3), With(With(Assessed(), "skill", "bi-new-skill"), "level", 4))),
        Bad("good events, the last one bad", $"events[{ValidEvents.Length}].personId", Envelope([.. ValidEvents.Select(e => (JsonNode)e()), Without(Assessed(), "personId")])),
        new("more than 10,000 events", 413, "events") { Bytes = () => Encoding.UTF8.GetBytes(ManyEvents(BatchReader.MaxEvents + 1)) },
        new("body over 16 MiB", 413, "body") { Bytes = () => Oversized() },
        new("body over 16 MiB without Content-Length", 413, "body") { Bytes = () => Oversized(), UnknownLength = true },

        // Headers.
        Bad("Content-Type text/plain", "Content-Type", One(Assessed())) with { Status = 415, ContentType = "text/plain" },
        Bad("Content-Type form-urlencoded", "Content-Type", "events=1") with { Status = 415, ContentType = "application/x-www-form-urlencoded" },
        Bad("Idempotency-Key over 200 characters", "Idempotency-Key", One(Assessed())) with
            { Headers = new Dictionary<string, string> { ["Idempotency-Key"] = new('k', 201) } },
        Bad("Idempotency-Key reused with another body", "Idempotency-Key", One(Assessed())) with
            { Status = 409, Headers = new Dictionary<string, string> { ["Idempotency-Key"] = IdempotencyKey } },

        // One person's route.
        Bad("person route: another person's event", "events[0].personId", PersonEnvelope(null, With(Assessed(), "personId", "BI2"))) with { Path = "/api/people/BI1/events" },
        Bad("person route: a catalogue event", "events[0].type", PersonEnvelope(null, SkillDefined())) with { Path = "/api/people/BI1/events" },
        Bad("person route: expectedVersion -1", "expectedVersion", PersonEnvelope(-1, Without(Assessed(), "personId"))) with { Path = "/api/people/BI1/events" },
        Bad("person route: expectedVersion \"abc\"", "expectedVersion", PersonEnvelope("abc", Without(Assessed(), "personId"))) with { Path = "/api/people/BI1/events" },
        Bad("person route: expectedVersion 1.5", "expectedVersion", PersonEnvelope(1.5m, Without(Assessed(), "personId"))) with { Path = "/api/people/BI1/events" },
        Bad("person route: stale expectedVersion", "expectedVersion", PersonEnvelope(0, Without(Assessed(), "personId"))) with { Path = "/api/people/BI1/events", Status = 409 },
        Bad("person route: unknown top-level field", "version", new JsonObject { ["version"] = 2, ["events"] = new JsonArray(Without(Assessed(), "personId")) }.ToJsonString()) with { Path = "/api/people/BI1/events" },
        Bad("person route: person id of 65 characters", "personId", PersonEnvelope(null, Without(Assessed(), "personId"))) with { Path = $"/api/people/{new string('p', 65)}/events" },
        Bad("person route: blank person id", "personId", PersonEnvelope(null, Without(Assessed(), "personId"))) with { Path = "/api/people/%20%20/events" },
        Bad("person route: empty body", "body", "") with { Path = "/api/people/BI1/events" },
    ];

    public static IEnumerable<object[]> CorpusNames() => Corpus.Select(c => new object[] { c.Name });

    [Fact]
    public void The_corpus_has_distinct_names_and_at_least_45_cases()
    {
        Assert.True(Corpus.Count >= 45, $"{Corpus.Count} cases");
        Assert.Equal(Corpus.Count, Corpus.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public async Task The_valid_events_the_corpus_starts_from_are_accepted()
    {
        // Without this, a case could be rejected for a reason other than the one it breaks.
        var response = await app.PostJsonAsync(Events, Envelope([.. ValidEvents.Select(e => (JsonNode)e())]));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var person = await app.PostJsonAsync("/api/people/BI1/events", PersonEnvelope(null, Without(Moved(), "personId")));
        Assert.True(person.StatusCode == HttpStatusCode.OK, await person.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(CorpusNames))]
    public async Task Bad_input_is_refused_with_a_problem_naming_the_field_and_writes_nothing(string name)
    {
        var c = Corpus.Single(x => x.Name == name);
        var before = await app.CountRowsAsync();

        using var response = await SendAsync(c);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{name}: {status} {text}");
        Assert.True(c.Status == status, $"{name}: expected {c.Status}, got {status}: {text}");
        Assert.Equal(Problems.ContentType, response.Content.Headers.ContentType?.MediaType);

        using var doc = JsonDocument.Parse(text);
        var problem = doc.RootElement;
        Assert.Equal(c.Status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("Exception", text);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        var fields = errors.Select(e => e.GetProperty("field").GetString()).ToList();
        var error = c.AnyError ? errors.FirstOrDefault(e => e.GetProperty("field").GetString() == c.Field) : errors[0];
        Assert.True(error.ValueKind == JsonValueKind.Object && error.GetProperty("field").GetString() == c.Field,
            $"{name}: expected {(c.AnyError ? "an" : "the first")} error on '{c.Field}', got [{string.Join(", ", fields)}]: {text}");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        var index = error.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt32() : (int?)null;
        Assert.Equal(EventIndexOf(c.Field), index);

        Assert.Equal(before, await app.CountRowsAsync());
    }

    // ---- sending ----

    private async Task<HttpResponseMessage> SendAsync(BadInput c)
    {
        var bytes = c.Bytes?.Invoke() ?? Encoding.UTF8.GetBytes(c.Body.Replace(FutureToken,
            DateTimeOffset.UtcNow.AddHours(26).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)));
        HttpContent content = c.UnknownLength ? new UnknownLengthContent(bytes) : new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(c.ContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, c.Path) { Content = content };
        foreach (var (header, value) in c.Headers) request.Headers.TryAddWithoutValidation(header, value);
        return await app.Client.SendAsync(request);
    }

    /// <summary>"events[12].level" → 12; request-level fields ("body", "events", "expectedVersion") → null.</summary>
    private static int? EventIndexOf(string field)
    {
        if (!field.StartsWith("events[", StringComparison.Ordinal)) return null;
        var end = field.IndexOf(']');
        return int.Parse(field["events[".Length..end], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string ManyEvents(int count)
    {
        var sb = new StringBuilder("{\"events\":[");
        for (var n = 0; n < count; n++)
        {
            if (n > 0) sb.Append(',');
            sb.Append("{\"type\":\"performance_signal\",\"personId\":\"BI-MANY\",\"metric\":\"m\",\"value\":").Append(n).Append(",\"occurredAt\":\"2025-03-01T09:00:00Z\"}");
        }
        return sb.Append("]}").ToString();
    }

    /// <summary>A JSON object one byte over the 16 MiB limit.</summary>
    private static byte[] Oversized()
    {
        var head = Encoding.UTF8.GetBytes(One(Assessed())[..^1] + ",\"pad\":\"");
        var tail = "\"}"u8.ToArray();
        var bytes = new byte[RequestBody.MaxBytes + 1];
        head.CopyTo(bytes, 0);
        bytes.AsSpan(head.Length, bytes.Length - head.Length - tail.Length).Fill((byte)'x');
        tail.CopyTo(bytes, bytes.Length - tail.Length);
        return bytes;
    }

    /// <summary>The JSON with the bytes of <paramref name="value"/> (inside a string) replaced by an invalid UTF-8 sequence.</summary>
    private static byte[] InvalidUtf8(string json, string value)
    {
        var at = json.IndexOf("\"" + value + "\"", StringComparison.Ordinal) + 1;
        var before = Encoding.UTF8.GetBytes(json[..at]);
        var after = Encoding.UTF8.GetBytes(json[(at + value.Length)..]);
        return [.. before, (byte)'B', 0xC3, 0x28, (byte)'9', .. after];
    }

    /// <summary>Content whose length is unknown up front: sent chunked, with no Content-Length header.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
