using System.Net;
using System.Text;
using SkillsLedger.Access;
using SkillsLedger.Tests.Support;
using static SkillsLedger.Tests.Xapi.XapiMultipart;

namespace SkillsLedger.Tests.Xapi;

/// <summary>
/// Attachments (xAPI Communication 1.5.2) on a real PostgreSQL: raw-data parts are stored by SHA-2 with their
/// statements and served back byte for byte with attachments=true; a part whose hash is wrong, missing or matches no
/// attachment, or an attachment without fileUrl and without its part, refuses the whole request and stores nothing;
/// `verify` notices changed or deleted content.
/// </summary>
[Collection(SharedLedger.Xapi)]
public sealed class AttachmentTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("xapi-attachments");

    /// <summary>Text, and bytes that are not text: NUL, 0xFF, CRLFs and all but the last character of the boundary.</summary>
    private static readonly byte[] Essay = Encoding.UTF8.GetBytes("My essay on secure coding.\n");
    private static readonly byte[] Binary = [0x00, 0xFF, 0x0D, 0x0A, .. Encoding.ASCII.GetBytes("--" + Boundary[..^1]), 0x0D, 0x0A, 0x89, 0x50, 0x4E, 0x47];

    private async Task<HttpClient> LrsAsync(string org, string version = "2.0.0")
    {
        var client = await app.ClientForAsync(org, Roles.Lrs);
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", version);
        return client;
    }

    [Theory]
    [InlineData("1.0.3")]
    [InlineData("2.0.0")]
    public async Task Raw_attachments_are_stored_and_served_back_byte_for_byte(string version)
    {
        using var lrs = await LrsAsync("att-roundtrip-" + version, version);
        var id = Guid.NewGuid().ToString();
        var statement = Statement(id, Attachment(Essay), Attachment(Binary, "image/png"));
        using var post = await lrs.PostAsync("/xapi/statements", Body(statement, new Part(Essay), new Part(Binary, ContentType: "image/png")));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);

        using var one = await lrs.GetAsync($"/xapi/statements?statementId={id}&attachments=true");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(version, one.Headers.GetValues("X-Experience-API-Version").Single());
        var (json, parts) = await ReadAsync(one);
        Assert.Equal(id, json["id"]!.GetValue<string>());
        Assert.Equal(2, parts.Count);
        var byHash = parts.ToDictionary(p => p.Hash!);
        Assert.Equal(Essay, byHash[Sha256(Essay)].Content);
        Assert.Equal(Binary, byHash[Sha256(Binary)].Content);
        Assert.Equal("image/png", byHash[Sha256(Binary)].ContentType);
        Assert.All(parts, p => Assert.Equal("binary", p.TransferEncoding));

        // The list answer carries each content once; attachments=false (or left out) is plain JSON.
        using var list = await lrs.GetAsync("/xapi/statements?attachments=true");
        var (result, listed) = await ReadAsync(list);
        Assert.Single(result["statements"]!.AsArray());
        Assert.Equal(2, listed.Count);
        using var plain = await lrs.GetAsync($"/xapi/statements?statementId={id}&attachments=false");
        Assert.Equal("application/json", plain.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_statement_whose_attachment_has_a_fileUrl_needs_no_part_and_gets_none_back()
    {
        using var lrs = await LrsAsync("att-fileurl");
        var id = Guid.NewGuid().ToString();
        using var post = await lrs.PostAsync("/xapi/statements", Body(Statement(id, Attachment(Essay, fileUrl: "http://example.com/a.txt"))));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var (_, parts) = await ReadAsync(await lrs.GetAsync($"/xapi/statements?statementId={id}&attachments=true"));
        Assert.Empty(parts);
    }

    [Fact]
    public async Task The_same_content_in_two_statements_is_sent_and_stored_once()
    {
        const string org = "att-shared";
        using var lrs = await LrsAsync(org);
        var (a, b) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var batch = "[" + Statement(a, Attachment(Essay)) + "," + Statement(b, Attachment(Essay)) + "]";
        Assert.Equal(HttpStatusCode.OK, (await lrs.PostAsync("/xapi/statements", Body(batch, new Part(Essay)))).StatusCode);
        Assert.Equal(1, await CountAsync("ledger_xapi_attachments", org));
    }

    [Fact]
    public async Task A_contentType_with_a_line_break_cannot_add_headers_to_the_multipart_answer()
    {
        using var lrs = await LrsAsync("att-crlf");
        var id = Guid.NewGuid().ToString();
        var statement = Statement(id, Attachment(Essay, "text/plain\r\nX-Injected: yes"));
        Assert.Equal(HttpStatusCode.OK, (await lrs.PostAsync("/xapi/statements", Body(statement, new Part(Essay)))).StatusCode);
        using var answer = await lrs.GetAsync($"/xapi/statements?statementId={id}&attachments=true");
        var text = Encoding.UTF8.GetString(await answer.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("\r\nX-Injected", text, StringComparison.Ordinal);
        var (json, parts) = await ReadAsync(answer);
        // The statement itself is returned as stored, line break and all; only the part's header line is flattened.
        Assert.Equal("text/plain\r\nX-Injected: yes", json["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Equal(Essay, parts.Single().Content);
    }

    public static IEnumerable<object[]> Refusals()
    {
        var wrong = new string('0', 64);
        string Plain(string id) => Statement(id, Attachment(Essay));
        return new (string Case, Func<string, string, HttpContent> Request, string Expected)[]
        {
            ("hash header names other content", (id, _) => Body(Plain(id), new Part(Essay, Hash: Sha256(Binary))), "the content's SHA-2 is"),
            ("attachment's sha2 is not the content's", (id, _) => Body(Statement(id, Attachment(Essay, sha2: wrong)), new Part(Essay)), "no multipart part has"),
            ("part missing", (id, _) => Body(Plain(id)), "no attachment content was sent"),
            ("no hash header", (id, _) => Body(Plain(id), new Part(Essay, Hash: null)), "X-Experience-API-Hash header is missing"),
            ("base64 transfer encoding", (id, _) => Body(Plain(id), new Part(Essay, TransferEncoding: "base64")), "Content-Transfer-Encoding must be binary"),
            ("SHA-1 hash", (id, _) => Body(Plain(id), new Part(Essay, Hash: new string('a', 40))), "SHA-256, SHA-384 or SHA-512"),
            ("a part no attachment names", (id, _) => Body(Plain(id), new Part(Essay), new Part(Binary)), "matches no attachment"),
            ("application/json without fileUrl", (id, _) => Json(Plain(id)), "no attachment content was sent"),
            ("second statement of a batch lacks its part",
                (id, other) => Body("[" + Plain(id) + "," + Statement(other, Attachment(Binary)) + "]", new Part(Essay)), "statements[1].attachments[0]"),
            ("first part not JSON", (id, _) => Body(Plain(id).Replace("{", "<"), new Part(Essay)), "malformed JSON"),
            ("no closing boundary", (id, _) => Truncated(Body(Plain(id), new Part(Essay))), "malformed"),
        }.Select(c => new object[] { c.Case, c.Request, c.Expected });
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static ByteArrayContent Truncated(ByteArrayContent content)
    {
        var bytes = content.ReadAsByteArrayAsync().Result;
        var cut = new ByteArrayContent(bytes[..^(Boundary.Length + 8)]);
        cut.Headers.ContentType = content.Headers.ContentType;
        return cut;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_attachment_refuses_the_whole_request_and_stores_nothing(string name, Func<string, string, HttpContent> request, string expected)
    {
        const string org = "att-refused";
        using var lrs = await LrsAsync(org);
        var (id, other) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var before = (await CountAsync("ledger_xapi_statements", org), await CountAsync("ledger_xapi_attachments", org), await CountAsync("mt_events", org));
        using var response = await lrs.PostAsync("/xapi/statements", request(id, other));
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, (await CountAsync("ledger_xapi_statements", org), await CountAsync("ledger_xapi_attachments", org), await CountAsync("mt_events", org)));
    }

    [Fact]
    public async Task Verify_notices_attachment_content_changed_or_deleted_in_the_database()
    {
        const string org = "att-verify";
        using var lrs = await LrsAsync(org);
        var id = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.OK, (await lrs.PostAsync("/xapi/statements", Body(Statement(id, Attachment(Essay)), new Part(Essay)))).StatusCode);
        Assert.True((await VerifyAsync(org)).Ok);

        await ExecuteAsync("update ledger.ledger_xapi_attachments set content = content || '\\x00'::bytea where tenant_id = $1", org);
        var changed = await VerifyAsync(org);
        Assert.False(changed.Ok);
        Assert.Contains($"attachment content {Sha256(Essay)} no longer has that SHA-2", changed.Reason);

        await ExecuteAsync("delete from ledger.ledger_xapi_attachments where tenant_id = $1", org);
        var deleted = await VerifyAsync(org);
        Assert.False(deleted.Ok);
        Assert.Contains($"named by statement {id}, is no longer stored", deleted.Reason);
    }

    private Task<SkillsLedger.Audit.VerificationResult> VerifyAsync(string org) => XapiRows.VerifyAsync(app.ConnectionString, org);

    private Task ExecuteAsync(string sql, string org) => XapiRows.ScalarAsync(app.ConnectionString, sql, org);

    private Task<long> CountAsync(string table, string org) => XapiRows.CountAsync(app.ConnectionString, table, org);
}
