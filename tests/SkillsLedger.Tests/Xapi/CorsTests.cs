using System.Net;
using SkillsLedger.Hosting;
using SkillsLedger.Infrastructure;
using SkillsLedger.Tests.Support;
using SkillsLedger.Xapi;

namespace SkillsLedger.Tests.Xapi;

/// <summary>
/// CORS on /xapi only: a browser's preflight is answered before sign-in with the xAPI request headers; answers expose
/// ETag, Last-Modified and the xAPI headers; /api gets no CORS headers; a configured origin list admits only those.
/// </summary>
[Collection(SharedLedger.Xapi)]
public sealed class CorsTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("xapi-cors");

    private const string Lms = "https://lms.example.com";

    private static HttpRequestMessage Preflight(string path, string origin = Lms, string method = "PUT") => new(HttpMethod.Options, path)
    {
        Headers =
        {
            { "Origin", origin }, { "Access-Control-Request-Method", method },
            { "Access-Control-Request-Headers", "authorization,content-type,x-experience-api-version,if-match" },
        },
    };

    private static string? Header(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : null;

    [Fact]
    public async Task A_preflight_for_xapi_is_answered_without_a_key_with_the_xapi_headers()
    {
        using var anonymous = await app.ClientForAsync(null, null);
        using var response = await anonymous.SendAsync(Preflight("/xapi/statements"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal(string.Join(",", XapiCors.AllowedHeaders), Header(response, "Access-Control-Allow-Headers"));
        Assert.Contains("PUT", Header(response, "Access-Control-Allow-Methods")!);
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Xapi_answers_expose_their_headers_and_api_answers_carry_no_cors_headers()
    {
        using var lrs = await app.ClientForAsync("cors", SkillsLedger.Access.Roles.Lrs);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/xapi/statements") { Headers = { { "Origin", Lms }, { "X-Experience-API-Version", "1.0.3" } } };
        using var answer = await lrs.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(string.Join(",", XapiCors.ExposedHeaders), Header(answer, "Access-Control-Expose-Headers"));

        using var api = await app.Client.SendAsync(Preflight("/api/events", method: "POST"));
        Assert.Null(Header(api, "Access-Control-Allow-Origin"));
        using var apiGet = new HttpRequestMessage(HttpMethod.Get, "/api/audit/verify") { Headers = { { "Origin", Lms } } };
        Assert.Null(Header(await app.Client.SendAsync(apiGet), "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_configured_origin_list_admits_only_its_origins()
    {
        var connection = await TestCluster.CreateDatabaseAsync("CorsTestsList");
        await using var listed = LedgerHost.Build(connection, "http://127.0.0.1:0", options: new LedgerServiceOptions { XapiCorsOrigins = [Lms] });
        await listed.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(listed.Urls.First()) };
        using var allowed = await client.SendAsync(Preflight("/xapi/activities/state"));
        Assert.Equal(Lms, Header(allowed, "Access-Control-Allow-Origin"));
        using var other = await client.SendAsync(Preflight("/xapi/activities/state", "https://elsewhere.example.com"));
        Assert.Null(Header(other, "Access-Control-Allow-Origin"));
        await listed.StopAsync();
    }

    [Theory]
    [InlineData(null, "*")]
    [InlineData("", "*")]
    [InlineData("none", "")]
    [InlineData("https://lms.example.com, http://localhost:8080", "https://lms.example.com|http://localhost:8080")]
    [InlineData("https://a.example.com,*", "*")]
    public void The_origin_setting_is_read(string? text, string expected)
    {
        var (origins, problem) = XapiCors.Parse(text);
        Assert.Null(problem);
        Assert.Equal(expected, string.Join("|", origins!));
    }

    [Theory]
    [InlineData("lms.example.com")]
    [InlineData("https://lms.example.com/path")]
    [InlineData("https://lms.example.com/")]
    [InlineData("ftp://lms.example.com")]
    public void A_value_that_is_not_an_origin_is_refused_by_name(string text)
    {
        var (origins, problem) = XapiCors.Parse(text);
        Assert.Null(origins);
        Assert.Contains($"'{text}' is not an origin", problem);
    }
}
