using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using SkillsLedger.Access;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Xapi;

/// <summary>The statements resource of /xapi against a real PostgreSQL: validation, all-or-nothing batches, conflicts, voiding, filters.</summary>
[Collection(SharedLedger.Xapi)]
public sealed class StatementsTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("xapi-statements");

    private static string Statement(string? id = null, string verb = "http://adlnet.gov/expapi/verbs/attended", string actor = "mailto:a@example.com",
        string activity = "http://example.com/activities/1", string? extra = null) =>
        "{" + (id is null ? "" : $"\"id\":\"{id}\",") +
        $"\"actor\":{{\"mbox\":\"{actor}\"}},\"verb\":{{\"id\":\"{verb}\",\"display\":{{\"en-US\":\"attended\"}}}},\"object\":{{\"id\":\"{activity}\"}}{extra}}}";

    private async Task<HttpClient> LrsAsync(string organisation)
    {
        var client = await app.ClientForAsync(organisation, Roles.Lrs);
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        return client;
    }

    private static Task<HttpResponseMessage> Send(HttpClient c, HttpMethod method, string path, string? body = null) =>
        c.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") });

    private async Task<long> CountAsync(string organisation)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from ledger.ledger_xapi_statements where tenant_id = $1", conn);
        cmd.Parameters.AddWithValue(organisation);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_posted_statement_is_read_back_with_what_the_LRS_adds()
    {
        using var c = await LrsAsync("x-roundtrip");
        var id = Guid.NewGuid().ToString();
        var post = await Send(c, HttpMethod.Post, "/xapi/statements", Statement(id));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal([id], await post.Content.ReadFromJsonAsync<string[]>());
        Assert.Equal("1.0.3", post.Headers.GetValues("X-Experience-API-Version").Single());

        var get = await c.GetAsync($"/xapi/statements?statementId={id}");
        var s = await get.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, s.GetProperty("id").GetString());
        Assert.Equal("mailto:a@example.com", s.GetProperty("actor").GetProperty("mbox").GetString());
        Assert.Equal("1.0.0", s.GetProperty("version").GetString());
        // timestamp defaults to stored; authority is the key that wrote it.
        Assert.Equal(s.GetProperty("stored").GetString(), s.GetProperty("timestamp").GetString());
        Assert.Equal("urn:skillsledger:api-key", s.GetProperty("authority").GetProperty("account").GetProperty("homePage").GetString());
        Assert.True(get.Content.Headers.LastModified.HasValue);
    }

    [Theory]
    [InlineData("{\"actor\":{\"mbox\":\"a@example.com\"},\"verb\":{\"id\":\"http://x/v\"},\"object\":{\"id\":\"http://x/o\"}}", "statement.actor.mbox")]
    [InlineData("{\"actor\":{\"mbox\":\"mailto:a@example.com\"},\"verb\":{\"id\":\"http://x/v\"}}", "statement.object")]
    [InlineData("{\"actor\":{\"mbox\":\"mailto:a@example.com\"},\"verb\":{\"id\":\"http://x/v\"},\"object\":{\"id\":\"http://x/o\"},\"Result\":{}}", "statement.Result")]
    [InlineData("{\"actor\":{\"mbox\":\"mailto:a@example.com\"},\"verb\":{\"id\":\"http://x/v\"},\"object\":{\"id\":\"http://x/o\"},\"result\":{\"score\":{\"scaled\":1.5}}}", "statement.result.score.scaled")]
    [InlineData("{\"actor\":{\"mbox\":\"mailto:a@example.com\",\"openid\":\"http://x/me\"},\"verb\":{\"id\":\"http://x/v\"},\"object\":{\"id\":\"http://x/o\"}}", "statement.actor")]
    [InlineData("{\"actor\":{\"mbox\":\"mailto:a@example.com\"},\"verb\":{\"id\":\"http://x/v\"},\"object\":{\"id\":\"http://x/o\"},\"timestamp\":\"2024-01-01T00:00:00\"}", "statement.timestamp")]
    [InlineData("{\"actor\":{\"mbox\":\"mailto:a@example.com\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/voided\"},\"object\":{\"id\":\"http://x/o\"}}", "statement.object")]
    public async Task An_invalid_statement_is_refused_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        using var c = await LrsAsync("x-invalid");
        var response = await Send(c, HttpMethod.Post, "/xapi/statements", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith(field + ":", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(0, await CountAsync("x-invalid"));
    }

    [Fact]
    public async Task A_batch_with_one_invalid_statement_stores_none()
    {
        using var c = await LrsAsync("x-batch");
        var batch = $"[{Statement()},{Statement()},{{\"actor\":{{}},\"verb\":{{\"id\":\"http://x/v\"}},\"object\":{{\"id\":\"http://x/o\"}}}}]";
        var response = await Send(c, HttpMethod.Post, "/xapi/statements", batch);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("statements[2].actor", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await CountAsync("x-batch"));
        Assert.Equal(HttpStatusCode.OK, (await Send(c, HttpMethod.Post, "/xapi/statements", $"[{Statement()},{Statement()}]")).StatusCode);
        Assert.Equal(2, await CountAsync("x-batch"));
    }

    [Fact]
    public async Task Put_stores_once_the_same_statement_again_is_accepted_a_different_one_conflicts()
    {
        using var c = await LrsAsync("x-put");
        var id = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.NoContent, (await Send(c, HttpMethod.Put, $"/xapi/statements?statementId={id}", Statement())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Send(c, HttpMethod.Put, $"/xapi/statements?statementId={id}", Statement())).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Send(c, HttpMethod.Put, $"/xapi/statements?statementId={id}", Statement(activity: "http://example.com/other"))).StatusCode);
        // A batch holding the conflicting statement stores nothing of the batch.
        Assert.Equal(HttpStatusCode.Conflict, (await Send(c, HttpMethod.Post, "/xapi/statements", $"[{Statement()},{Statement(id, activity: "http://example.com/other")}]")).StatusCode);
        Assert.Equal(1, await CountAsync("x-put"));
        // Parameter names are exact.
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(c, HttpMethod.Put, $"/xapi/statements?statementid={id}", Statement())).StatusCode);
    }

    [Fact]
    public async Task A_voided_statement_is_found_only_by_voidedStatementId_and_leaves_the_lists()
    {
        using var c = await LrsAsync("x-void");
        var id = Guid.NewGuid().ToString();
        await Send(c, HttpMethod.Post, "/xapi/statements", Statement(id));
        var voiding = $"{{\"actor\":{{\"mbox\":\"mailto:a@example.com\"}},\"verb\":{{\"id\":\"http://adlnet.gov/expapi/verbs/voided\"}},\"object\":{{\"objectType\":\"StatementRef\",\"id\":\"{id}\"}}}}";
        Assert.Equal(HttpStatusCode.OK, (await Send(c, HttpMethod.Post, "/xapi/statements", voiding)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync($"/xapi/statements?statementId={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync($"/xapi/statements?voidedStatementId={id}")).StatusCode);
        var list = await (await c.GetAsync("/xapi/statements")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain(id, list.GetProperty("statements").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Filters_and_more_pages_cover_each_matching_statement_once_and_organisations_stay_apart()
    {
        using var c = await LrsAsync("x-filter");
        using var other = await LrsAsync("x-filter-other");
        var mine = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = Guid.NewGuid().ToString();
            mine.Add(id);
            await Send(c, HttpMethod.Post, "/xapi/statements", Statement(id, actor: "mailto:b@example.com"));
        }
        await Send(c, HttpMethod.Post, "/xapi/statements", Statement(actor: "mailto:c@example.com"));
        await Send(other, HttpMethod.Post, "/xapi/statements", Statement(actor: "mailto:b@example.com"));

        var seen = new List<string>();
        var next = "/xapi/statements?agent=" + Uri.EscapeDataString("{\"mbox\":\"mailto:b@example.com\"}") + "&limit=2&ascending=true";
        while (next.Length > 0)
        {
            var page = await (await c.GetAsync(next)).Content.ReadFromJsonAsync<JsonElement>();
            seen.AddRange(page.GetProperty("statements").EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
            next = page.GetProperty("more").GetString()!;
        }
        Assert.Equal(mine, seen);
    }

    [Fact]
    public async Task Version_header_is_required_but_about_is_open_and_other_roles_are_refused()
    {
        using var anonymous = await app.ClientForAsync(null, null);
        var about = await anonymous.GetAsync("/xapi/about");
        Assert.Equal(HttpStatusCode.OK, about.StatusCode);
        Assert.Equal(["2.0.0", "1.0.3"], (await about.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").EnumerateArray().Select(v => v.GetString()));

        using var noVersion = await app.ClientForAsync("x-version", Roles.Lrs);
        Assert.Equal(HttpStatusCode.BadRequest, (await noVersion.GetAsync("/xapi/statements")).StatusCode);
        using var analyst = await app.ClientForAsync("x-version", Roles.Analyst);
        analyst.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/xapi/statements")).StatusCode);
    }

    [Fact]
    public async Task A_request_without_the_version_header_is_refused_naming_the_version_its_key_last_spoke()
    {
        using var client = await app.ClientForAsync("xapi-version-memory", Roles.Lrs);
        async Task<(HttpStatusCode, string)> Get(string? version)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/xapi/statements");
            if (version is not null) request.Headers.Add("X-Experience-API-Version", version);
            using var r = await client.SendAsync(request);
            return (r.StatusCode, r.Headers.GetValues("X-Experience-API-Version").Single());
        }
        // A key not heard before: the latest version.
        Assert.Equal((HttpStatusCode.BadRequest, "2.0.0"), await Get(null));
        Assert.Equal((HttpStatusCode.OK, "1.0.3"), await Get("1.0.3"));
        Assert.Equal((HttpStatusCode.BadRequest, "1.0.3"), await Get(null));
        Assert.Equal((HttpStatusCode.OK, "2.0.0"), await Get("2.0.0"));
        Assert.Equal((HttpStatusCode.BadRequest, "2.0.0"), await Get(null));
    }
}
