using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using SkillsLedger.Tests.Access;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Xapi;

/// <summary>
/// The hostile-input corpus of <see cref="HostileInputTests"/> sent to POST /xapi/statements: each string and number
/// case placed in turn into every string or number slot of the second statement of a two-statement batch, plus raw
/// bodies of our own. For every case: never a 5xx; a refusal is problem+json and stores nothing of the batch (neither
/// statement, no event); an accepted statement is read back with the hostile value verbatim.
/// </summary>
[Collection(SharedLedger.Xapi)]
public sealed class XapiHostileInputTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("xapi-hostile-default");

    private const string Org = "xapi-hostile";

    /// <summary>Slot name → path in the statement; "#" slots take the number cases, the others the string cases.</summary>
    private static readonly (string Slot, string[] Path)[] Slots =
    [
        ("@name", ["actor", "name"]), ("@display", ["verb", "display", "en-US"]), ("@response", ["result", "response"]),
        ("@extension", ["context", "extensions", "http://example.com/ext"]), ("@objectId", ["object", "id"]), ("@mbox", ["actor", "mbox"]),
        ("@registration", ["context", "registration"]), ("@timestamp", ["timestamp"]), ("@language", ["verb", "display"]),
        ("#raw", ["result", "score", "raw"]), ("#scaled", ["result", "score", "scaled"]),
    ];

    private const string Template = """
        {"id":"@id","actor":{"objectType":"Agent","name":@name,"mbox":@mbox},
         "verb":{"id":"http://adlnet.gov/expapi/verbs/passed","display":{"en-US":@display,@language:"x"}},
         "object":{"id":@objectId},"result":{"response":@response,"score":{"raw":#raw,"min":0,"max":100,"scaled":#scaled}},
         "context":{"registration":@registration,"extensions":{"http://example.com/ext":@extension}},"timestamp":@timestamp}
        """;

    private static readonly Dictionary<string, string> Defaults = new()
    {
        ["@name"] = "\"Ann\"", ["@display"] = "\"passed\"", ["@response"] = "\"ok\"", ["@extension"] = "\"e\"",
        ["@objectId"] = "\"http://example.com/a/1\"", ["@mbox"] = "\"mailto:h@example.com\"",
        ["@registration"] = "\"6f1c1c42-1b7a-4c4b-9a55-0a4c3f3c1d10\"", ["@timestamp"] = "\"2025-03-01T09:00:00Z\"", ["@language"] = "\"nl-NL\"",
        ["#raw"] = "50", ["#scaled"] = "0.5",
    };

    public static IEnumerable<object[]> Cases() =>
        HostileInputTests.Corpus.Where(c => c.Raw is null).Select(c => new object[] { c.Name });

    private static string Fill(string id, string slot, string literal)
    {
        var s = Template.Replace("@id", id);
        foreach (var (name, value) in Defaults) s = s.Replace(name, name == slot ? literal : value);
        return s;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_content_in_a_statement_is_refused_whole_or_stored_verbatim(string name)
    {
        var c = HostileInputTests.Corpus.Single(x => x.Name == name);
        using var lrs = await LrsAsync();
        foreach (var (slot, path) in Slots.Where(s => s.Slot.StartsWith(c.Number is null ? '@' : '#')))
        {
            var literal = c.Number ?? c.Literal ?? JsonSerializer.Serialize(c.Value);
            var (good, bad) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
            var body = "[" + Fill(good, "", "") + "," + Fill(bad, slot, literal) + "]";
            var before = await EventCountAsync();
            using var response = await lrs.PostAsync("/xapi/statements", new StringContent(body, Encoding.UTF8, "application/json"));
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{name} in {slot}: {status} {await response.Content.ReadAsStringAsync()}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(0, await StoredAsync(good, bad));
                Assert.Equal(before, await EventCountAsync());
                continue;
            }
            Assert.Equal(2, await StoredAsync(good, bad));
            if (c.Value is null || slot is "@language") continue;
            var read = JsonNode.Parse(await lrs.GetStringAsync($"/xapi/statements?statementId={bad}"));
            var node = path.Aggregate(read, (n, p) => n?[p]);
            Assert.Equal(c.Value, node?.GetValue<string>());
        }
    }

    /// <summary>Attachment slots of a multipart request: string cases go into the text slots, number cases into length.</summary>
    private static readonly string[] AttachmentTextSlots = ["usageType", "contentType", "display", "fileUrl"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_content_in_an_attachment_is_refused_whole_or_stored_with_its_content(string name)
    {
        var c = HostileInputTests.Corpus.Single(x => x.Name == name);
        using var lrs = await LrsAsync();
        var content = Encoding.UTF8.GetBytes("attachment of " + name);
        var literal = c.Number ?? c.Literal ?? JsonSerializer.Serialize(c.Value);
        foreach (var slot in c.Number is null ? AttachmentTextSlots : ["length"])
        {
            string Field(string field, string normal) => field == slot ? literal : normal;
            var attachment = $"{{\"usageType\":{Field("usageType", "\"http://example.com/usage\"")},\"display\":{{\"en-US\":{Field("display", "\"a\"")}}}," +
                             $"\"contentType\":{Field("contentType", "\"text/plain\"")},\"length\":{Field("length", content.Length.ToString())}," +
                             $"\"sha2\":\"{XapiMultipart.Sha256(content)}\"{(slot == "fileUrl" ? ",\"fileUrl\":" + literal : "")}}}";
            var (good, bad) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
            var bodyText = "[" + Fill(good, "", "") + "," + Fill(bad, "", "").TrimEnd()[..^1] + ",\"attachments\":[" + attachment + "]}]";
            var (before, attachments) = (await EventCountAsync(), await AttachmentCountAsync());
            using var response = await lrs.PostAsync("/xapi/statements", XapiMultipart.Body(bodyText, new XapiMultipart.Part(content)));
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{name} in attachment {slot}: {status} {await response.Content.ReadAsStringAsync()}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal((0, before, attachments), (await StoredAsync(good, bad), await EventCountAsync(), await AttachmentCountAsync()));
                continue;
            }
            Assert.Equal(2, await StoredAsync(good, bad));
            var (_, parts) = await XapiMultipart.ReadAsync(await lrs.GetAsync($"/xapi/statements?statementId={bad}&attachments=true"));
            Assert.Equal(content, parts.Single().Content);
        }
    }

    public static IEnumerable<object[]> RawCases() =>
    [
        ["BOM then JSON", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Fill(Guid.NewGuid().ToString(), "", ""))).ToArray()],
        ["line comment", Encoding.UTF8.GetBytes("// x\n" + Fill(Guid.NewGuid().ToString(), "", ""))],
        ["trailing comma", Encoding.UTF8.GetBytes("[" + Fill(Guid.NewGuid().ToString(), "", "") + ",]")],
        ["duplicate actor", Encoding.UTF8.GetBytes(Fill(Guid.NewGuid().ToString(), "", "").Replace("\"verb\":", "\"actor\":{\"mbox\":\"mailto:other@example.com\"},\"verb\":"))],
        ["NaN score", Encoding.UTF8.GetBytes(Fill(Guid.NewGuid().ToString(), "#raw", "NaN"))],
        ["invalid UTF-8 in a name", Encoding.UTF8.GetBytes(Fill(Guid.NewGuid().ToString(), "@name", "\"a-XX-b\"")).SelectMany(b => b == (byte)'X' ? new byte[] { 0xC0 } : [b]).ToArray()],
        ["depth 1000 extension", Encoding.UTF8.GetBytes(Fill(Guid.NewGuid().ToString(), "@extension", new string('[', 1000) + new string(']', 1000)))],
        ["10 MB response", Encoding.UTF8.GetBytes(Fill(Guid.NewGuid().ToString(), "@response", "\"" + new string('r', 10 * 1024 * 1024) + "\""))],
        ["empty array", "[]"u8.ToArray()],
        ["null", "null"u8.ToArray()],
        ["a number", "42"u8.ToArray()],
        ["truncated", Encoding.UTF8.GetBytes(Fill(Guid.NewGuid().ToString(), "", "")[..40])],
    ];

    [Theory]
    [MemberData(nameof(RawCases), DisableDiscoveryEnumeration = true)]
    public async Task A_malformed_body_is_refused_with_a_problem_and_nothing_is_stored(string name, byte[] body)
    {
        using var lrs = await LrsAsync();
        var (statements, events) = (await StoredAsync(), await EventCountAsync());
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var response = await lrs.PostAsync("/xapi/statements", content);
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500 || name is "BOM then JSON" or "10 MB response" && status == 200, $"{name}: {status}");
        if (status >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal((statements, events), (await StoredAsync(), await EventCountAsync()));
        }
    }

    [Theory]
    [InlineData("\"a\\uD800b\"", "lone surrogate")]
    [InlineData("\"a\\uDC00\\uD800b\"", "lone surrogate")]
    [InlineData(null, "not valid UTF-8")]
    public async Task Text_that_is_not_Unicode_is_a_400_that_says_so(string? nameLiteral, string expected)
    {
        using var lrs = await LrsAsync();
        var id = Guid.NewGuid().ToString();
        var body = nameLiteral is null
            ? Encoding.UTF8.GetBytes(Fill(id, "@name", "\"a-XX-b\"")).Select(b => b == (byte)'X' ? (byte)0xFF : b).ToArray()
            : Encoding.UTF8.GetBytes(Fill(id, "@name", nameLiteral));
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var response = await lrs.PostAsync("/xapi/statements", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await StoredAsync(id, id));
    }

    private async Task<HttpClient> LrsAsync()
    {
        var client = await app.ClientForAsync(Org, SkillsLedger.Access.Roles.Lrs);
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        return client;
    }

    private async Task<long> StoredAsync(params string[] ids)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select count(*) from ledger.ledger_xapi_statements where tenant_id = $1 and (cardinality($2::text[]) = 0 or statement_id = any($2))", conn);
        cmd.Parameters.AddWithValue(Org);
        cmd.Parameters.AddWithValue(ids);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<long> EventCountAsync()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from ledger.mt_events where tenant_id = $1", conn);
        cmd.Parameters.AddWithValue(Org);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private Task<long> AttachmentCountAsync() => XapiRows.CountAsync(app.ConnectionString, "ledger_xapi_attachments", Org);
}
