using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SkillsLedger.Access;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Xapi;

/// <summary>
/// POST /xapi/statements as multipart/mixed: the statements part is taken; attachment content is not stored yet, so a
/// raw-data part, or an attachment without fileUrl, is a 400 and nothing is stored.
/// </summary>
public sealed class MultipartTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private const string Boundary = "-------314159265358979323846";

    private static string Statement(string id, string attachment) =>
        $"{{\"id\":\"{id}\",\"actor\":{{\"mbox\":\"mailto:mp@example.com\"}},\"verb\":{{\"id\":\"http://adlnet.gov/expapi/verbs/attended\"}},\"object\":{{\"id\":\"http://example.com/mp\"}}," +
        $"\"attachments\":[{{\"usageType\":\"http://example.com/usage\",\"display\":{{\"en-US\":\"a\"}},\"contentType\":\"text/plain\",\"length\":5,\"sha2\":\"{new string('a', 64)}\"{attachment}}}]}}";

    private static StringContent Multipart(params (string Type, string Body)[] parts)
    {
        var text = string.Concat(parts.Select(p => $"--{Boundary}\r\nContent-Type: {p.Type}\r\n\r\n{p.Body}\r\n")) + $"--{Boundary}--\r\n";
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={Boundary}");
        return content;
    }

    private async Task<HttpStatusCode> ReadBackAsync(HttpClient client, string id)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, $"/xapi/statements?statementId={id}");
        return (await client.SendAsync(get)).StatusCode;
    }

    [Fact]
    public async Task A_statement_part_whose_attachment_has_a_fileUrl_is_stored()
    {
        using var client = await app.ClientForAsync("xapi-multipart", Roles.Lrs);
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "2.0.0");
        var id = Guid.NewGuid().ToString();
        using var response = await client.PostAsync("/xapi/statements", Multipart(("application/json", Statement(id, ",\"fileUrl\":\"http://example.com/a.txt\""))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ReadBackAsync(client, id));
    }

    [Theory]
    [InlineData(true, "not stored by this LRS yet")]
    [InlineData(false, "attachments[0]: no fileUrl")]
    public async Task Attachment_content_is_refused_whole(bool withRawPart, string expected)
    {
        using var client = await app.ClientForAsync("xapi-multipart-refused", Roles.Lrs);
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "2.0.0");
        var id = Guid.NewGuid().ToString();
        var parts = new List<(string, string)> { ("application/json", Statement(id, "")) };
        if (withRawPart) parts.Add(("text/plain", "hello"));
        using var response = await client.PostAsync("/xapi/statements", Multipart([.. parts]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, await ReadBackAsync(client, id));
    }
}
