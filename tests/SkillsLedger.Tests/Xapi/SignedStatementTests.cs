using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using SkillsLedger.Access;
using SkillsLedger.Tests.Support;
using SkillsLedger.Xapi;
using static SkillsLedger.Tests.Xapi.XapiMultipart;

namespace SkillsLedger.Tests.Xapi;

/// <summary>
/// Signed statements (xAPI Data 2.6): a JWS attachment signed here with an RSA key and a self-signed certificate in
/// x5c. RS256/384/512 are taken; another algorithm, a signature the certificate's key did not make, a payload that is
/// not the statement, or a signature attachment of the wrong type or without content is a 400 that stores nothing.
/// </summary>
[Collection(SharedLedger.Xapi)]
public sealed class SignedStatementTests(LedgerApp shared) : IDisposable
{
    private readonly LedgerApp app = shared.For("xapi-signed-default");

    private const string Org = "xapi-signed";
    /// <summary>The refusals' own organisation: nothing may ever be stored in it.</summary>
    private const string Refusals = "xapi-signed-refused";
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }

    private string Certificate(RSA key)
    {
        var request = new CertificateRequest("CN=SkillsLedger test signer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Cert));
    }

    private static string B64(byte[] b) => Base64Url.EncodeToString(b);

    /// <summary>A compact JWS of the payload; signed by signer (default: the key of the certificate in x5c, if any).</summary>
    private string Jws(string payload, string alg = "RS256", bool x5c = true, RSA? signer = null)
    {
        var header = new JsonObject { ["alg"] = alg };
        if (x5c) header["x5c"] = new JsonArray(Certificate(_key));
        var input = B64(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + B64(Encoding.UTF8.GetBytes(payload));
        var hash = alg switch { "RS384" => HashAlgorithmName.SHA384, "RS512" => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 };
        var signature = alg.StartsWith("HS", StringComparison.Ordinal)
            ? HMACSHA256.HashData("secret"u8, Encoding.ASCII.GetBytes(input))
            : (signer ?? _key).SignData(Encoding.ASCII.GetBytes(input), hash, RSASignaturePadding.Pkcs1);
        return input + "." + B64(signature);
    }

    private static string Payload(string id, string extra = "") =>
        $"{{\"id\":\"{id}\",\"actor\":{{\"mbox\":\"mailto:signer@example.com\"}},\"verb\":{{\"id\":\"http://adlnet.gov/expapi/verbs/passed\"}}," +
        $"\"object\":{{\"id\":\"http://example.com/exam\"}}{extra}}}";

    /// <summary>The statement as sent: the payload plus the signature attachment (the JWS's sha2), and the request.</summary>
    private static HttpContent Signed(string statement, string jws, string contentType = "application/octet-stream", bool withPart = true)
    {
        var bytes = Encoding.ASCII.GetBytes(jws);
        var attachment = Attachment(bytes, contentType, SignedStatements.SignatureUsage, fileUrl: withPart ? null : "http://example.com/sig.jws");
        var sent = statement[..^1] + ",\"attachments\":[" + attachment + "]}";
        return withPart ? Body(sent, new Part(bytes, ContentType: contentType)) : Body(sent);
    }

    private async Task<HttpClient> LrsAsync(string org = Org)
    {
        var client = await app.ClientForAsync(org, Roles.Lrs);
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        return client;
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task A_statement_signed_with_the_key_of_its_x5c_certificate_is_stored_with_its_signature(string alg)
    {
        using var lrs = await LrsAsync();
        var id = Guid.NewGuid().ToString();
        var jws = Jws(Payload(id), alg);
        using var response = await lrs.PostAsync("/xapi/statements", Signed(Payload(id), jws));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, parts) = await ReadAsync(await lrs.GetAsync($"/xapi/statements?statementId={id}&attachments=true"));
        Assert.Equal(jws, Encoding.ASCII.GetString(parts.Single().Content));
    }

    public static IEnumerable<object[]> Accepted() =>
    [
        ["no x5c: nothing to check the signature with", "", "", false],
        ["duration beyond 0.01 s in the statement", ",\"result\":{\"duration\":\"P1DT12H36M0.12S\"}", ",\"result\":{\"duration\":\"P1DT12H36M0.1237S\"}", true],
        ["timestamp in another zone", ",\"timestamp\":\"2025-03-01T11:00:00+02:00\"", ",\"timestamp\":\"2025-03-01T09:00:00Z\"", true],
        ["a context activity bare in the payload", ",\"context\":{\"contextActivities\":{\"parent\":{\"id\":\"http://example.com/c\"}}}",
            ",\"context\":{\"contextActivities\":{\"parent\":[{\"id\":\"http://example.com/c\"}]}}", true],
    ];

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Differences_the_LRS_may_cause_do_not_break_a_signature(string name, string signedExtra, string sentExtra, bool x5c)
    {
        using var lrs = await LrsAsync();
        var id = Guid.NewGuid().ToString();
        using var response = await lrs.PostAsync("/xapi/statements", Signed(Payload(id, sentExtra), Jws(Payload(id, signedExtra), x5c: x5c)));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static IEnumerable<object[]> Refused() =>
    [
        ["HS256", "algorithm must be RS256, RS384 or RS512"],
        ["signed by another key than x5c's", "does not verify with the x5c certificate"],
        ["payload with another verb", "is not the statement received"],
        ["payload longer duration precision than 0.01 s differs", "is not the statement received"],
        ["text/plain signature", "must have contentType application/octet-stream"],
        ["signature by fileUrl only", "must be sent as a multipart/mixed part"],
        ["not a JWS", "is not a JWS"],
        ["JWS JSON serialization", "compact serialization"],
        ["payload not JSON", "payload is not a JSON serialization"],
        ["x5c not a certificate", "x5c certificate cannot be read"],
        ["segment not base64url", "not base64url"],
    ];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_malformed_signature_is_a_400_and_nothing_is_stored(string name, string expected)
    {
        using var lrs = await LrsAsync(Refusals);
        var id = Guid.NewGuid().ToString();
        var payload = Payload(id);
        var good = Jws(payload);
        var request = name switch
        {
            "HS256" => Signed(payload, Jws(payload, "HS256", x5c: false)),
            "signed by another key than x5c's" => Signed(payload, Jws(payload, signer: _otherKey)),
            "payload with another verb" => Signed(payload, Jws(payload.Replace("passed", "failed"))),
            "payload longer duration precision than 0.01 s differs" =>
                Signed(Payload(id, ",\"result\":{\"duration\":\"PT1.13S\"}"), Jws(Payload(id, ",\"result\":{\"duration\":\"PT1.1299S\"}"))),
            "text/plain signature" => Signed(payload, good, "text/plain"),
            "signature by fileUrl only" => Signed(payload, good, withPart: false),
            "not a JWS" => Signed(payload, "hello"),
            "JWS JSON serialization" => Signed(payload, "{\"payload\":\"e30\",\"signatures\":[]}"),
            "payload not JSON" => Signed(payload, Jws("{'actor':1}", x5c: false)),
            "x5c not a certificate" => Signed(payload, B64("{\"alg\":\"RS256\",\"x5c\":[\"AAAA\"]}"u8.ToArray()) + good[good.IndexOf('.')..]),
            "segment not base64url" => Signed(payload, "e30.%%%.e30"),
            _ => throw new ArgumentException(name),
        };
        using var response = await lrs.PostAsync("/xapi/statements", request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode} {text}");
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Contains("statement.attachments[0]", text, StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(id));
    }

    [Fact]
    public void Comparison_ignores_what_the_LRS_adds_and_nothing_else()
    {
        var signed = JsonNode.Parse(Payload("a6f7e6a0-7c0b-4d3c-9d8e-2a4b1c3d5e6f"))!.AsObject();
        var stored = JsonNode.Parse(Payload("A6F7E6A0-7C0B-4D3C-9D8E-2A4B1C3D5E6F",
            ",\"stored\":\"2025-01-01T00:00:00Z\",\"version\":\"1.0.0\",\"authority\":{\"mbox\":\"mailto:lrs@example.com\"},\"timestamp\":\"2025-01-01T00:00:00Z\""))!.AsObject();
        Assert.True(SignedStatements.Equivalent(signed, stored));
        var withoutId = JsonNode.Parse(Payload("x"))!.AsObject();
        withoutId.Remove("id");
        Assert.True(SignedStatements.Equivalent(withoutId, stored));
        Assert.False(SignedStatements.Equivalent(signed, JsonNode.Parse(Payload("a6f7e6a0-7c0b-4d3c-9d8e-2a4b1c3d5e6f").Replace("signer@", "other@"))!.AsObject()));
        Assert.False(SignedStatements.Equivalent(JsonNode.Parse(Payload("a6f7e6a0-7c0b-4d3c-9d8e-2a4b1c3d5e6f", ",\"timestamp\":\"2025-01-01T00:00:01Z\""))!.AsObject(), stored));
    }

    private async Task<long> StoredAsync(string id) => (long)(await XapiRows.ScalarAsync(app.ConnectionString,
        "select (select count(*) from ledger.ledger_xapi_statements where tenant_id = $1 and statement_id = $2) + " +
        "(select count(*) from ledger.ledger_xapi_attachments where tenant_id = $1)", Refusals, id))!;
}
