using System.Net;
using System.Text.Json;
using SkillsLedger.Access;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Xapi;

/// <summary>xAPI 1.0.3's alternate request syntax (POST ?method=X with a form holding headers, parameters and content), refused under 2.0.</summary>
[Collection(SharedLedger.Xapi)]
public sealed class AlternateSyntaxTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("xapi-alt-default");

    private static FormUrlEncodedContent Form(params (string, string)[] fields) => new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    private static string Statement(string id) =>
        $"{{\"id\":\"{id}\",\"actor\":{{\"mbox\":\"mailto:alt@example.com\"}},\"verb\":{{\"id\":\"http://adlnet.gov/expapi/verbs/attended\"}},\"object\":{{\"id\":\"http://example.com/alt\"}}}}";

    [Fact]
    public async Task A_PUT_sent_as_a_form_POST_stores_the_statement_and_a_GET_form_reads_it()
    {
        using var client = await app.ClientForAsync("xapi-alt", Roles.Lrs);
        var id = Guid.NewGuid().ToString();
        using var put = await client.PostAsync("/xapi/statements?method=PUT",
            Form(("statementId", id), ("X-Experience-API-Version", "1.0.3"), ("Content-Type", "application/json"), ("content", Statement(id))));
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        using var get = await client.PostAsync("/xapi/statements?method=GET", Form(("statementId", id), ("X-Experience-API-Version", "1.0.3")));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(id, JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("2.0.0", "?method=PUT", "xAPI 2.0 has no alternate request syntax")]
    [InlineData("1.0.3", "?method=PUT&statementId=x", "the only query parameter is method")]
    public async Task A_form_POST_under_2_0_or_with_other_query_parameters_is_a_400(string version, string query, string expected)
    {
        using var client = await app.ClientForAsync("xapi-alt-refused", Roles.Lrs);
        var id = Guid.NewGuid().ToString();
        using var response = await client.PostAsync("/xapi/statements" + query,
            Form(("statementId", id), ("X-Experience-API-Version", version), ("content", Statement(id))));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
        using var check = new HttpRequestMessage(HttpMethod.Get, $"/xapi/statements?statementId={id}");
        check.Headers.Add("X-Experience-API-Version", "1.0.3");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(check)).StatusCode);
    }
}
