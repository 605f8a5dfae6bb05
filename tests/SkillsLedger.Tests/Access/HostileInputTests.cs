using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Access;

/// <summary>
/// Hostile content (injection strings, unicode tricks, limit-sized strings, huge numbers, non-standard JSON) placed
/// into every string field of every event type, into numeric fields, into URL path segments and query strings.
/// For every case: never a 5xx; a 4xx is a problem response; an accepted value is read back verbatim through the
/// feed (and the person's history); nothing is written outside the caller's organisation ("hostile-org"); the
/// ledger's tables survive. Shape errors of ordinary JSON are <see cref="Ingestion.BadInputTests"/>' business.
/// </summary>
[Collection(SharedLedger.Service)]
public sealed class HostileInputTests(LedgerApp shared)
{
    // The default organisation, the target of the tenant-rewrite attempts, is this class's own in its collection: no
    // other class of it writes there. Other organisations' rows are counted before and after each case, not in total.
    private readonly LedgerApp app = shared.For(SkillsLedger.Infrastructure.LedgerStoreConfiguration.DefaultOrganisation);

    private const string Org = "hostile-org";
    private const string Past = "2025-03-01T09:00:00Z";
    private const string HostileToken = "__HOSTILE__";

    // ---- the corpus ----

    /// <summary>
    /// One hostile input. <see cref="Value"/>: a string put into every string field (as <see cref="Literal"/> when the
    /// JSON text must be written by hand, e.g. a lone surrogate escape). <see cref="Number"/>: a number literal put
    /// into every numeric field. <see cref="Raw"/>: a whole request body of its own.
    /// </summary>
    public sealed record Hostile(string Name)
    {
        public string? Value { get; init; }
        public string? Literal { get; init; }
        public string? Number { get; init; }
        public Func<byte[]>? Raw { get; init; }
        public string RawPath { get; init; } = "/api/events";
        /// <summary>For raw bodies: the statuses allowed (any 4xx or 2xx when null).</summary>
        public int[]? Statuses { get; init; }
    }

    private static Hostile S(string name, string value) => new(name) { Value = value };
    private static Hostile L(string name, string literal) => new(name) { Literal = literal };
    private static Hostile N(string name, string number) => new(name) { Number = number };
    private static Hostile R(string name, Func<byte[]> raw, params int[] statuses) => new(name) { Raw = raw, Statuses = statuses.Length == 0 ? null : statuses };
    private static Hostile R(string name, string body, params int[] statuses) => R(name, () => Encoding.UTF8.GetBytes(body), statuses);

    internal static readonly IReadOnlyList<Hostile> Corpus =
    [
        // SQL injection and friends.
        S("sql: drop table", "'; drop table ledger.mt_events; --"),
        S("sql: or 1=1", "' or '1'='1"),
        S("sql: dollar quoting with pg_sleep", "$$; select pg_sleep(5); $$"),
        S("sql: delete with balanced quotes", "'); delete from ledger.mt_events where ('1'='1"),
        S("sql: tenant rewrite", "1; update ledger.mt_events set tenant_id = 'default'; --"),
        S("sql: double-quoted or", "\" or \"\"=\""),
        S("sql: union select", "' union select tenant_id, data::text from ledger.mt_events --"),
        S("sql: comment after admin", "admin'--"),
        S("sql: positional parameter", "$1"),
        S("sql: escape string", "E'\\x27'; drop table analytics.person; --"),
        S("sql: copy to program", "'; copy (select '') to program 'touch /tmp/pwned'; --"),
        S("sql: backslash quote", "\\'; drop table analytics.person; --"),
        S("sql: like wildcards", "%' and 1=1 and '%'='"),
        S("sql: percent and underscore", "%_%"),
        S("sql: mssql waitfor", "1' waitfor delay '0:0:5'--"),
        S("sql: current_setting", "' || (select current_setting('is_superuser')) || '"),
        S("sql: set role", "'; set role postgres; reset role; --"),
        S("sql: tenant id default", "default"),
        S("sql: literal backslash x00", "\\x00"),
        S("sql: jsonb operator", "data->>'personId'"),
        S("sql: semicolon only", ";"),
        S("sql: stacked begin/commit", "'; commit; begin; truncate ledger.mt_events; --"),
        // JSON, NoSQL and structure smuggling.
        S("json: mongo operator", "{\"$ne\": null}"),
        S("json: event inside a string", "{\"type\":\"person_hired\",\"personId\":\"x\"}"),
        S("json: quote breakout", "\",\"personId\":\"injected"),
        S("json: literal backslash-u0000", "\\u0000"),
        S("json: backslash quote", "\\\""),
        S("json: proto pollution", "__proto__"),
        S("json: constructor", "constructor.prototype"),
        S("json: null as text", "null"),
        S("json: NaN as text", "NaN"),
        S("json: number as text", "1e308"),
        // Format strings and template injection.
        S("format: printf", "%s%s%s%s%n"),
        S("format: hex", "%x%x%x%x"),
        S("format: dotnet composite", "{0}{1}{99}"),
        S("template: log4shell", "${jndi:ldap://x}"),
        S("template: mustache", "{{7*7}}"),
        S("template: spel", "#{7*7}"),
        S("template: erb", "<%= 7*7 %>"),
        // Markup.
        S("xss: script", "<script>alert(1)</script>"),
        S("xss: attribute breakout", "\"><img src=x onerror=alert(1)>"),
        S("xss: javascript url", "javascript:alert(1)"),
        S("xml: cdata", "<![CDATA[x]]>"),
        S("xml: external entity", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"),
        // Paths and URLs.
        S("path: traversal", "../../etc/passwd"),
        S("path: windows traversal", "..\\..\\windows\\win.ini"),
        S("path: encoded traversal", "%2e%2e%2f%2e%2e%2fetc%2fpasswd"),
        S("path: absolute", "/etc/passwd"),
        S("path: file url", "file:///etc/passwd"),
        S("path: query and fragment", "?limit=0&after=-1#frag"),
        S("path: slash", "a/b"),
        S("path: dots", "..."),
        S("path: percent-encoded NUL text", "a%00b"),
        // CSV and spreadsheet injection (exports).
        S("csv: formula", "=cmd|' /C calc'!A0"),
        S("csv: at sum", "@SUM(1+1)*cmd|' /C calc'!A0"),
        S("csv: quote and comma", "a,b\"c;d"),
        // Unicode tricks.
        S("unicode: RTL override", "\u202Egnp.exe"),
        S("unicode: zero-width joiner", "a\u200Db"),
        S("unicode: zero-width space only", "\u200B"),
        S("unicode: combining acute", "e\u0301"),
        S("unicode: zalgo", "Z\u0334\u0321\u0322\u031B\u0353\u031D\u0354\u030F\u0344\u0313a\u0336l\u0337g\u0338o\u0335"),
        S("unicode: emoji", "\U0001F600"),
        S("unicode: ZWJ family", "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"),
        S("unicode: fraktur surrogate pairs", "\U0001D573\U0001D594\U0001D598\U0001D599\U0001D58E\U0001D591\U0001D58A"),
        S("unicode: BOM character", "\uFEFFbom"),
        S("unicode: NBSP only", "\u00A0"),
        S("unicode: line separator", "a\u2028b\u2029c"),
        S("unicode: max code point", "\U0010FFFF"),
        S("unicode: noncharacters", "\uFFFE\uFFFF"),
        S("unicode: turkish dotted I and sharp s", "\u0130\u00DF"),
        S("unicode: fullwidth admin", "\uFF21\uFF24\uFF2D\uFF29\uFF2E"),
        S("unicode: ohm sign vs omega", "\u2126\u03A9"),
        S("unicode: arabic marks and isolates", "\u0600\u061C\u2066x\u2069"),
        S("unicode: private use", "\uE000\uF8FF"),
        S("unicode: replacement character", "\uFFFD"),
        S("unicode: leading and trailing spaces", "  padded  "),
        L("unicode: lone high surrogate escape", "\"a\\uD800b\""),
        L("unicode: lone low surrogate escape", "\"a\\uDC00b\""),
        L("unicode: reversed surrogate pair escape", "\"\\uDE00\\uD83D\""),
        L("unicode: escaped traversal", "\"\\u002e\\u002e\\u002f\\u002e\\u002e\\u002fetc\""),
        // Control characters (must be refused everywhere).
        S("control: NUL", "a\u0000b"),
        S("control: DEL", "a\u007Fb"),
        S("control: NEL", "a\u0085b"),
        S("control: ANSI escape", "\u001B[31mred\u001B[0m"),
        S("control: CRLF header injection", "x\r\nSet-Cookie: a=1"),
        S("control: tab", "a\tb"),
        // Lengths around every limit.
        S("length: 50", new string('a', 50)),
        S("length: 64", new string('b', 64)),
        S("length: 65", new string('c', 65)),
        S("length: 100", new string('d', 100)),
        S("length: 101", new string('e', 101)),
        S("length: 200", new string('f', 200)),
        S("length: 201", new string('g', 201)),
        S("length: 1000", new string('h', 1000)),
        S("length: 1001", new string('i', 1001)),
        S("length: 4000", new string('j', 4000)),
        S("length: 4001", new string('k', 4001)),
        S("length: 32 emoji (64 UTF-16 units)", string.Concat(Enumerable.Repeat("\U0001F525", 32))),
        S("length: 2000 emoji (4000 UTF-16 units)", string.Concat(Enumerable.Repeat("\U0001F4A3", 2000))),
        S("length: 2001 emoji (4002 UTF-16 units)", string.Concat(Enumerable.Repeat("\U0001F4A5", 2001))),
        S("length: 100 quotes", new string('\'', 100)),

        // Numbers.
        N("number: 1e308", "1e308"),
        N("number: -1e308", "-1e308"),
        N("number: decimal max", "79228162514264337593543950335"),
        N("number: decimal max plus one", "79228162514264337593543950336"),
        N("number: decimal min minus one", "-79228162514264337593543950336"),
        N("number: 1e-400", "1e-400"),
        N("number: 28 decimal places", "0.0000000000000000000000000001"),
        N("number: negative zero", "-0"),
        N("number: 1E+28", "1E+28"),
        N("number: 400 digits", new string('9', 400)),

        // Whole bodies that are not plain JSON, or hide things in corners.
        R("raw: BOM at start", () => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(SignalBody("raw-bom"))]),
        R("raw: line comment", SignalBody("raw-comment").Replace("{\"type\"", "// hi\n{\"type\""), 400),
        R("raw: block comment", SignalBody("raw-block").Replace("\"metric\"", "/* x */\"metric\""), 400),
        R("raw: trailing comma in an event", SignalBody("raw-comma").Replace("}]}", ",}]}"), 400),
        R("raw: trailing comma in events", SignalBody("raw-comma2").Replace("}]}", "},]}"), 400),
        R("raw: trailing comma in requirements", "{\"events\":[{\"type\":\"role_profile_defined\",\"role\":\"r\",\"requirements\":[{\"skill\":\"h-skill\",\"level\":2},],\"occurredAt\":\"2025-03-01T09:00:00Z\"}]}", 400),
        R("raw: duplicate personId", SignalBody("raw-dup").Replace("\"personId\":\"raw-dup\"", "\"personId\":\"raw-dup\",\"personId\":\"default-victim\""), 400),
        R("raw: duplicate type", SignalBody("raw-duptype").Replace("{\"type\":\"performance_signal\"", "{\"type\":\"performance_signal\",\"type\":\"person_left\""), 400),
        R("raw: duplicate requirement key", "{\"events\":[{\"type\":\"role_profile_defined\",\"role\":\"r\",\"requirements\":[{\"skill\":\"h-skill\",\"skill\":\"x\",\"level\":2}],\"occurredAt\":\"2025-03-01T09:00:00Z\"}]}", 400),
        R("raw: keys differing in case", SignalBody("raw-case").Replace("\"personId\":\"raw-case\"", "\"personId\":\"raw-case\",\"PersonId\":\"other\""), 400),
        R("raw: PascalCase field names", SignalBody("raw-pascal").Replace("\"personId\"", "\"PersonId\"").Replace("\"metric\"", "\"Metric\""), 400),
        R("raw: upper-case envelope", SignalBody("raw-upper").Replace("{\"events\"", "{\"EVENTS\""), 400),
        R("raw: NaN value", SignalBody("raw-nan").Replace("\"value\":1", "\"value\":NaN"), 400),
        R("raw: Infinity amount", "{\"events\":[{\"type\":\"program_cost\",\"programId\":\"p\",\"amount\":Infinity,\"currency\":\"EUR\",\"occurredAt\":\"2025-03-01T09:00:00Z\"}]}", 400),
        R("raw: -Infinity expectedVersion", () => Encoding.UTF8.GetBytes("{\"expectedVersion\":-Infinity,\"events\":[]}"), 400) with { RawPath = "/api/people/raw-inf/events" },
        R("raw: invalid UTF-8 overlong slash", () => WithBytes(SignalBody("raw-XX"), "XX", 0xC0, 0xAF), 400),
        R("raw: invalid UTF-8 encoded surrogate", () => WithBytes(SignalBody("raw-XX"), "XX", 0xED, 0xA0, 0x80), 400),
        R("raw: invalid UTF-8 lone continuation", () => WithBytes(SignalBody("raw-XX"), "XX", 0x80), 400),
        R("raw: invalid UTF-8 truncated emoji", () => WithBytes(SignalBody("raw-XX"), "XX", 0xF0, 0x9F, 0x98), 400),
        R("raw: invalid UTF-8 0xFF in metric", () => WithBytes(SignalBody("raw-ff"), "metric-m", 0xFF), 400),
        R("raw: invalid UTF-8 in a field name", () => WithBytes(SignalBody("raw-fn"), "metric", 0xFE), 400),
        R("raw: depth 1000 array in metric", SignalBody("raw-deep").Replace("\"metric\":\"metric-m\"", "\"metric\":" + new string('[', 1000) + new string(']', 1000)), 400),
        R("raw: depth 1000 object", () => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000)), 400),
        R("raw: depth 1000 events", () => Encoding.UTF8.GetBytes("{\"events\":" + new string('[', 1000) + new string(']', 1000) + "}"), 400),
        R("raw: 10 MB string in one field", () => Encoding.UTF8.GetBytes(SignalBody("raw-10mb").Replace("\"metric-m\"", "\"" + new string('m', 10 * 1024 * 1024) + "\"")), 400, 413),
        R("raw: 10 MB personId on the person route", () => Encoding.UTF8.GetBytes(SignalBody(new string('p', 10 * 1024 * 1024)).Replace("{\"events\"", "{\"expectedVersion\":null,\"events\"")), 400, 413) with { RawPath = "/api/people/raw-10mb/events" },
        R("raw: single-quoted strings", "{\"events\":[{'type':'performance_signal'}]}", 400),
        R("raw: UTF-16 body", () => Encoding.Unicode.GetBytes(SignalBody("raw-utf16")), 400),
    ];

    /// <summary>A valid performance_signal batch for raw cases to break (metric "metric-m", value 1).</summary>
    private static string SignalBody(string personId) =>
        "{\"events\":[{\"type\":\"performance_signal\",\"personId\":" + JsonSerializer.Serialize(personId) + ",\"metric\":\"metric-m\",\"value\":1,\"occurredAt\":\"2025-03-01T09:00:00Z\"}]}";

    /// <summary>The UTF-8 of <paramref name="json"/> with the first occurrence of <paramref name="marker"/> followed by the given bytes.</summary>
    private static byte[] WithBytes(string json, string marker, params byte[] bytes)
    {
        var at = json.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return [.. Encoding.UTF8.GetBytes(json[..at]), .. bytes, .. Encoding.UTF8.GetBytes(json[at..])];
    }

    public static IEnumerable<object[]> CorpusNames() => Corpus.Select(c => new object[] { c.Name });

    [Fact]
    public void The_corpus_has_at_least_100_distinct_cases()
    {
        Assert.True(Corpus.Count >= 100, $"{Corpus.Count} cases");
        Assert.Equal(Corpus.Count, Corpus.Select(c => c.Name).Distinct().Count());
        var values = Corpus.Where(c => c.Value is not null).Select(c => c.Value).ToList();
        Assert.Equal(values.Count, values.Distinct(StringComparer.Ordinal).Count());
    }

    // ---- the batch every string or number case is placed into: every event type, every string field ----

    private const string Num = "__NUMBER__";

    /// <summary>(event index, field path) of every hostile slot; path "requirements[0].skill" and "skills[0]" for nested ones.</summary>
    private static JsonArray Template(string eventIdSlot) =>
    [
        new JsonObject { ["type"] = "skill_defined", ["skill"] = "$skill", ["name"] = "$name", ["scaleMin"] = 0, ["scaleMax"] = "#scaleMax", ["source"] = "$source", ["occurredAt"] = Past },
        new JsonObject { ["type"] = "role_profile_defined", ["role"] = "$role", ["requirements"] = new JsonArray(new JsonObject { ["skill"] = "$skill", ["level"] = "#level" }), ["source"] = "$source", ["occurredAt"] = Past },
        new JsonObject { ["type"] = "program_cost", ["programId"] = "$programId", ["amount"] = "#amount", ["currency"] = "$currency", ["category"] = "$category", ["source"] = "$source", ["occurredAt"] = Past },
        new JsonObject { ["type"] = "roi_assumption_set", ["name"] = "$roiName", ["value"] = "#value", ["unit"] = "$unit", ["note"] = "$note", ["source"] = "$source", ["occurredAt"] = Past },
        new JsonObject { ["type"] = "person_hired", ["personId"] = "$personId", ["department"] = "$department", ["role"] = "$role", ["team"] = "$team", ["monthlySalary"] = "#monthlySalary", ["source"] = "$source", ["occurredAt"] = Past },
        new JsonObject { ["type"] = "person_moved", ["personId"] = "$personId", ["department"] = "$department", ["role"] = "$role", ["team"] = "$team", ["source"] = "$source", ["occurredAt"] = Past },
        new JsonObject { ["type"] = "skill_assessed", ["eventId"] = eventIdSlot, ["personId"] = "$personId", ["skill"] = "$skill", ["level"] = "#level", ["method"] = "manager", ["assessorId"] = "$assessorId", ["evidence"] = "$evidence", ["source"] = "$source", ["occurredAt"] = Past },
        new JsonObject { ["type"] = "assessment_retracted", ["personId"] = "$personId", ["retractsEventId"] = eventIdSlot, ["reason"] = "$reason", ["source"] = "$source", ["occurredAt"] = Past },
        new JsonObject { ["type"] = "course_completed", ["personId"] = "$personId", ["courseId"] = "$courseId", ["programId"] = "$programId", ["hours"] = "#hours", ["score"] = "#score", ["skills"] = new JsonArray("$skill"), ["source"] = "$source", ["occurredAt"] = Past },
        new JsonObject { ["type"] = "performance_signal", ["personId"] = "$personId", ["metric"] = "$metric", ["value"] = "#value", ["unit"] = "$unit", ["source"] = "$source", ["occurredAt"] = Past },
        new JsonObject { ["type"] = "person_left", ["personId"] = "$personId", ["reason"] = "voluntary", ["source"] = "$source", ["occurredAt"] = Past },
    ];

    /// <summary>What a refused slot falls back to, so that the rest of the batch can still be tried.</summary>
    private static JsonNode Benign(string slot, string caseId) => slot switch
    {
        "$eventId" => $"ev-{caseId}",
        "$skill" => "h-skill",
        "$currency" => "EUR",
        "$personId" => $"p-{caseId}",
        "#scaleMax" => 5,
        "#level" => 2,
        "#score" => 50,
        _ when slot.StartsWith('#') => 1,
        _ => "ok-" + slot[1..],
    };

    /// <summary>The slot name a template value stands for ("$skill", "#level"), or null for fixed values.</summary>
    private static string? SlotOf(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && (s.StartsWith('$') || s.StartsWith('#')) ? s : null;

    /// <summary>Every slot in the template: (event index, path inside the event, slot).</summary>
    private static IEnumerable<(int Index, string Path, string Slot)> Slots(JsonArray template)
    {
        for (var i = 0; i < template.Count; i++)
            foreach (var (name, value) in (JsonObject)template[i]!)
            {
                if (SlotOf(value) is { } slot) yield return (i, name, slot);
                else if (value is JsonArray array)
                    for (var j = 0; j < array.Count; j++)
                    {
                        if (SlotOf(array[j]) is { } s) yield return (i, $"{name}[{j}]", s);
                        else if (array[j] is JsonObject o)
                            foreach (var (n, v) in o)
                                if (SlotOf(v) is { } s2) yield return (i, $"{name}[{j}].{n}", s2);
                    }
            }
    }

    private static JsonNode? Locate(JsonObject evt, string path, out Action<JsonNode?> set)
    {
        var parts = path.Split('.');
        JsonNode container = evt;
        for (var p = 0; p < parts.Length; p++)
        {
            var part = parts[p];
            var bracket = part.IndexOf('[');
            var last = p == parts.Length - 1;
            if (bracket < 0)
            {
                var obj = (JsonObject)container;
                if (last) { set = v => obj[part] = v; return obj[part]; }
                container = obj[part]!;
            }
            else
            {
                var array = (JsonArray)((JsonObject)container)[part[..bracket]]!;
                var j = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
                if (last) { set = v => array[j] = v; return array[j]; }
                container = array[j]!;
            }
        }
        throw new InvalidOperationException(path);
    }

    // ---- the test ----

    [Theory]
    [MemberData(nameof(CorpusNames))]
    public async Task Hostile_input_is_refused_with_a_problem_or_stored_verbatim_and_stays_in_its_organisation(string name)
    {
        var c = Corpus.Single(x => x.Name == name);
        var caseId = Corpus.ToList().IndexOf(c).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var hostile = await app.ClientForAsync(Org, SkillsLedger.Access.Roles.Admin);
        var outsideBefore = await OutsideRowsAsync();

        if (c.Raw is not null)
        {
            var content = new ByteArrayContent(c.Raw());
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
            using var response = await hostile.PostAsync(c.RawPath, content);
            var status = await AssertNoServerErrorAsync(response, $"{name}: POST {c.RawPath}");
            if (c.Statuses is not null) Assert.True(c.Statuses.Contains(status), $"{name}: expected {string.Join("/", c.Statuses)}, got {status}");
        }
        else
        {
            await WriteAndReadBackAsync(c, caseId, hostile);
            if (c.Value is not null) await ReadWithHostilePathsAndQueriesAsync(c.Value, hostile, name);
        }

        // Reads of the (hostile) organisation's analytics must not fall over either. They cost ~0.5 s each round
        // (they scan the whole organisation), so: after every number case (overflow) and every 8th other case.
        if (c.Number is not null || int.Parse(caseId, System.Globalization.CultureInfo.InvariantCulture) % 8 == 0)
            await Task.WhenAll(new[] { "/api/analytics/roi", "/api/reports/roi", "/api/analytics/growth?minGroupSize=1", "/api/audit/verify" }
            .Select(async path => await AssertNoServerErrorAsync(await hostile.GetAsync(path), $"{name}: GET {path}")));

        Assert.Equal(outsideBefore, await OutsideRowsAsync());
        await AssertTablesExistAsync();
    }

    private async Task WriteAndReadBackAsync(Hostile c, string caseId, HttpClient hostile)
    {
        var template = Template("$eventId");
        var slots = Slots(template).ToList();
        var benign = new HashSet<(int, string)>();
        var correlation = $"hostile-{caseId}-{Guid.NewGuid():N}";
        string? literal = c.Literal ?? (c.Value is not null ? JsonSerializer.Serialize(c.Value, SkillsLedger.Infrastructure.LedgerJson.Options) : null);
        string? expected = c.Value ?? (c.Literal is not null ? TryDecode(c.Literal) : null);

        JsonArray Render()
        {
            var events = (JsonArray)template.DeepClone();
            foreach (var (i, path, slot) in slots)
            {
                Locate((JsonObject)events[i]!, path, out var set);
                var isNumber = slot.StartsWith('#');
                var hostileHere = isNumber ? c.Number is not null : literal is not null;
                set(benign.Contains((i, path)) || !hostileHere ? Benign(slot, caseId) : isNumber ? Num : HostileToken);
            }
            return events;
        }

        for (var attempt = 0; ; attempt++)
        {
            var events = Render();
            var json = new JsonObject { ["events"] = events }.ToJsonString()
                .Replace("\"" + HostileToken + "\"", literal ?? "null", StringComparison.Ordinal)
                .Replace("\"" + Num + "\"", c.Number ?? "null", StringComparison.Ordinal);
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Correlation-Id", correlation);
            using var response = await hostile.SendAsync(request);
            var status = await AssertNoServerErrorAsync(response, $"{c.Name}: POST /api/events (attempt {attempt})");
            var text = await response.Content.ReadAsStringAsync();
            if (status == 200)
            {
                var appended = JsonDocument.Parse(text).RootElement.GetProperty("appended").GetInt32();
                Assert.True(appended == events.Count, $"{c.Name}: appended {appended} of {events.Count}: {text}");
                var lastSequence = JsonDocument.Parse(text).RootElement.GetProperty("lastSequence").GetInt64();
                await AssertStoredVerbatimAsync(c, hostile, correlation, Math.Max(0, lastSequence - 1000), events, slots, benign, expected);
                return;
            }
            Assert.True(status == 400, $"{c.Name}: expected 200 or 400, got {status}: {text}");
            // Fall back to a benign value in every refused slot and try again, so that every slot is either
            // refused with a 400 or stored (and then checked) — never silently skipped.
            var refused = 0;
            foreach (var error in JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateArray())
            {
                var field = error.GetProperty("field").GetString()!;
                if (!field.StartsWith("events[", StringComparison.Ordinal)) return; // the whole body was refused: nothing to read back
                var index = int.Parse(field["events[".Length..field.IndexOf(']')], System.Globalization.CultureInfo.InvariantCulture);
                var path = field[(field.IndexOf(']') + 2)..];
                var hit = slots.Where(s => s.Index == index && (s.Path == path || path.StartsWith(s.Path + ".", StringComparison.Ordinal) || s.Path.StartsWith(path + "[", StringComparison.Ordinal))).ToList();
                // A refused slot value refuses the same slot everywhere (a skill undefined because its definition was refused, ...).
                var slotNames = hit.Select(s => s.Slot).ToHashSet();
                if (slotNames.Count == 0) slotNames = slots.Where(s => s.Index == index && s.Path == path.Split('.')[0]).Select(s => s.Slot).ToHashSet();
                Assert.True(slotNames.Count > 0, $"{c.Name}: an error on '{field}' that no hostile slot explains: {text}");
                foreach (var s in slots.Where(s => slotNames.Contains(s.Slot)))
                    if (benign.Add((s.Index, s.Path))) refused++;
            }
            Assert.True(refused > 0 && attempt < 6, $"{c.Name}: refused again with nothing new to fall back on: {text}");
        }
    }

    private static string? TryDecode(string literal)
    {
        try { return JsonSerializer.Deserialize<string>(literal); }
        catch (Exception) { return null; }
    }

    private async Task AssertStoredVerbatimAsync(Hostile c, HttpClient hostile, string correlation, long after, JsonArray sent,
        List<(int Index, string Path, string Slot)> slots, HashSet<(int, string)> benign, string? expected)
    {
        var feed = await hostile.GetAsync($"/api/events?after={after}&limit=10000");
        await AssertNoServerErrorAsync(feed, $"{c.Name}: GET /api/events");
        var stored = (await feed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("correlationId").GetString() == correlation).ToList();
        Assert.True(stored.Count == sent.Count, $"{c.Name}: {stored.Count} stored events with correlation {correlation}, sent {sent.Count}");
        for (var i = 0; i < sent.Count; i++)
        {
            var type = sent[i]!["type"]!.GetValue<string>();
            var back = stored.Single(e => e.GetProperty("type").GetString() == type);
            foreach (var (index, path, slot) in slots.Where(s => s.Index == i))
            {
                var value = Navigate(back, path);
                if (benign.Contains((index, path))) continue;
                if (slot.StartsWith('#') ? c.Number is null : c.Value is null && c.Literal is null) continue; // not hostile in this case
                if (slot.StartsWith('#'))
                {
                    Assert.True(value.ValueKind == JsonValueKind.Number, $"{c.Name}: {type}.{path} came back as {value}");
                    if (decimal.TryParse(c.Number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number))
                        Assert.True(value.GetDecimal() == number, $"{c.Name}: {type}.{path} stored {value.GetRawText()}, sent {c.Number}");
                }
                else
                {
                    Assert.True(expected is not null, $"{c.Name}: {type}.{path} was accepted although the literal {c.Literal} is not valid UTF-16 ({value.GetRawText()})");
                    Assert.True(value.ValueKind == JsonValueKind.String && value.GetString() == expected,
                        $"{c.Name}: {type}.{path} came back as {value.GetRawText()}, not verbatim");
                }
            }
        }

        // The person's history, addressed by the (possibly hostile) person id in the URL path.
        var personSlotBenign = benign.Contains((4, "personId"));
        var personId = personSlotBenign || expected is null ? null : expected;
        if (personId is not null && c.Value is not null)
        {
            using var history = await hostile.GetAsync($"/api/people/{Uri.EscapeDataString(personId)}/events");
            var status = await AssertNoServerErrorAsync(history, $"{c.Name}: GET person history");
            if (PathSafe(personId)) Assert.True(status == 200, $"{c.Name}: person history → {status}");
            if (status == 200)
            {
                var body = await history.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(personId, body.GetProperty("personId").GetString());
                foreach (var e in body.GetProperty("events").EnumerateArray())
                    Assert.Equal(personId, e.GetProperty("personId").GetString());
            }
        }
    }

    /// <summary>Whether a value survives as one URL path segment unchanged (no slashes, dot segments, or characters the server rewrites).</summary>
    private static bool PathSafe(string s) => !s.Contains('/') && !s.Contains('\\') && s != "." && s != ".." && !s.Contains("%2f", StringComparison.OrdinalIgnoreCase) && s.Length <= 64;

    private static JsonElement Navigate(JsonElement e, string path)
    {
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            if (bracket < 0) { e = e.GetProperty(part); continue; }
            e = e.GetProperty(part[..bracket])[int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
        }
        return e;
    }

    private static async Task ReadWithHostilePathsAndQueriesAsync(string value, HttpClient hostile, string name)
    {
        var v = Uri.EscapeDataString(value);
        string[] paths =
        [
            $"/api/people/{v}/events",
            $"/api/people/{v}/skills?asOf={v}",
            $"/api/people/{v}/skills?knownAt={v}",
            $"/api/people/{v}/skills",
            $"/api/people/{v}/skills/{v}",
            $"/api/people/{v}/skills/{v}/lineage",
            $"/api/people/{v}/gaps",
            $"/api/teams/{v}/gaps",
            $"/api/export/{v}",
            $"/api/export/person?format={v}",
            $"/api/events?after={v}",
            $"/api/events?limit={v}",
            $"/api/analytics/growth?by={v}",
            $"/api/analytics/retention?asOf={v}",
            $"/api/analytics/retention/newcomers?by={v}",
            $"/api/analytics/retention/newcomers?asOf={v}",
            $"/api/analytics/retention/correlation?from={v}&to={v}",
            $"/api/analytics/roi?asOf={v}",
            $"/api/analytics/roi/{v}",
            $"/api/reports/roi?program={v}",
            $"/api/reports/roi?asOf={v}",
            $"/api/audit/access?personId={v}&limit={v}",
            $"/api/audit/access?personId={v}",
        ];
        // Concurrently: they are independent reads, and the suite must stay fast.
        await Task.WhenAll(paths.Select(async path =>
        {
            using var response = await hostile.GetAsync(path);
            await AssertNoServerErrorAsync(response, $"{name}: GET {path[..Math.Min(path.Length, 120)]}");
        }));
    }

    // ---- invariants ----

    /// <summary>Never a 5xx; a 4xx is a problem response (except the server's own refusals of a URL it cannot parse).</summary>
    private static async Task<int> AssertNoServerErrorAsync(HttpResponseMessage response, string what)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{what} → {status}: {text[..Math.Min(text.Length, 2000)]}");
        Assert.True(status is >= 200 and < 300 or >= 400, $"{what} → {status}");
        if (status >= 400)
        {
            var kestrelRefusal = status is 400 or 404 or 414 or 431 && text.Length == 0;
            if (!kestrelRefusal)
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what} → {status} as {response.Content.Headers.ContentType}: {text[..Math.Min(text.Length, 500)]}");
                Assert.DoesNotContain("Exception", text);
                Assert.DoesNotContain("Npgsql", text);
            }
        }
        return status;
    }

    private async Task<long> OutsideRowsAsync()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from ledger.mt_events where tenant_id <> $1 and type <> 'tombstone'", conn);
        cmd.Parameters.AddWithValue(Org);
        var sqlCount = (long)(await cmd.ExecuteScalarAsync())!;
        // The default organisation sees the same through its own feed.
        var feed = await app.GetJsonAsync("/api/events?after=0&limit=10000");
        Assert.True(feed.GetProperty("count").GetInt32() <= sqlCount);
        return sqlCount * 1_000_000 + feed.GetProperty("count").GetInt32();
    }

    private async Task AssertTablesExistAsync()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select to_regclass('ledger.mt_events') is not null and to_regclass('analytics.person') is not null and to_regclass('ledger.ledger_event_ids') is not null", conn);
        Assert.True((bool)(await cmd.ExecuteScalarAsync())!, "a ledger or analytics table is gone");
    }
}
