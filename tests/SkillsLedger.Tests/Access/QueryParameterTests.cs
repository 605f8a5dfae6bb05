using System.Net;
using System.Text.Json;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Access;

/// <summary>
/// Query parameters are bound as text and checked before the endpoint runs: a value that does not parse is a 400
/// naming the parameter, never silently the default. A refused read is not titled "nothing was written" — that is
/// the title of a refused write.
/// </summary>
[Collection(SharedLedger.Service)]
public sealed class QueryParameterTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("access-query-parameters");

    [Theory]
    [InlineData("/api/analytics/growth?minGroupSize=abc", "minGroupSize")]
    [InlineData("/api/analytics/growth?minGroupSize=0", "minGroupSize")]
    [InlineData("/api/analytics/retention?landmarkDays=1e3", "landmarkDays")]
    [InlineData("/api/analytics/roi?asOf=yesterday", "asOf")]
    [InlineData("/api/people/E1/skills?knownAt=2025-13-01", "knownAt")]
    [InlineData("/api/events?limit=ten", "limit")]
    [InlineData("/api/export/person?format=", "format")]
    [InlineData("/api/audit/access", "personId")]
    public async Task A_read_with_an_unparsable_parameter_is_refused_naming_it(string path, string field)
    {
        var response = await app.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(field, problem.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal("The request was rejected: a parameter is not valid", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("written", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Every_bad_parameter_of_a_request_is_named_at_once()
    {
        var response = await app.Client.GetAsync("/api/analytics/retention?asOf=x&horizonMonths=0&by=team");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["asOf", "horizonMonths", "by"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task A_refused_write_still_says_nothing_was_written()
    {
        var response = await app.PostJsonAsync("/api/events", "{\"events\": 3}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("nothing was written", problem.GetProperty("title").GetString());
    }
}
