using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten.Events;
using SkillsLedger.Access;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Access;

[Collection(SharedLedger.Service)]
public sealed class AccessTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("access");

    /// <summary>Every operation of the OpenAPI document, with its path parameters filled in.</summary>
    private async Task<List<(string Method, string Path, string Template)>> RoutesAsync()
    {
        var doc = await app.GetJsonAsync("/openapi/v1.json");
        var routes = new List<(string, string, string)>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
                routes.Add((op.Name.ToUpperInvariant(), System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", "x"), path.Name));
        Assert.True(routes.Count >= 15, $"only {routes.Count} routes in the OpenAPI document");
        return routes;
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method == "POST" ? new StringContent("{\"events\":[]}", System.Text.Encoding.UTF8, "application/json") : null,
    };

    [Fact]
    public async Task Every_api_route_refuses_a_caller_without_a_valid_key_with_a_401_problem()
    {
        using var anonymous = await app.ClientForAsync(null, null);
        using var forged = await app.ClientForAsync(null, null);
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "slk_000000000000_" + new string('a', 64));
        foreach (var (method, path, _) in (await RoutesAsync()).Where(r => r.Path.StartsWith("/api")))
        {
            foreach (var client in new[] { anonymous, forged })
            {
                var response = await client.SendAsync(Request(method, path));
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} → {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            }
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/no-such-route")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
    }

    /// <summary>
    /// The access matrix as docs/security.md states it, written out here rather than read from the code: ingest appends;
    /// analyst reads figures; auditor reads figures and evidence (raw events, lineage, audit); admin everything; an
    /// employee only the person-level reads listed with it, and only for its own person (the matrix test binds it to
    /// the filled-in path value "x"; <see cref="An_employee_key_may_not_read_anyone_else"/> checks every route for another person).
    /// </summary>
    private static readonly Dictionary<(string Method, string Template), string[]> Matrix = new()
    {
        [("POST", "/api/events")] = [Roles.Ingest],
        [("POST", "/api/people/{personId}/events")] = [Roles.Ingest],
        [("GET", "/api/events")] = [Roles.Auditor],
        [("GET", "/api/people/{personId}/events")] = [Roles.Auditor],
        [("GET", "/api/people/{personId}/skills")] = [Roles.Analyst, Roles.Auditor, Roles.Employee],
        [("GET", "/api/people/{personId}/skills/{skill}")] = [Roles.Analyst, Roles.Auditor, Roles.Employee],
        [("GET", "/api/people/{personId}/skills/{skill}/lineage")] = [Roles.Auditor, Roles.Employee],
        [("GET", "/api/people/{personId}/gaps")] = [Roles.Analyst, Roles.Auditor, Roles.Employee],
        [("GET", "/api/teams/{team}/gaps")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/analytics/growth")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/analytics/readiness")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/analytics/participation")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/analytics/effectiveness")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/strategy/goals")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/strategy/goals/{goalId}")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/analytics/retention")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/analytics/retention/newcomers")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/analytics/retention/correlation")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/analytics/roi")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/analytics/roi/{programId}")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/reports/roi")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/export/{table}")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/projections/status")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/audit/verify")] = [Roles.Auditor],
        [("GET", "/api/audit/head")] = [Roles.Auditor],
        [("GET", "/api/audit/access")] = [Roles.Auditor],
        [("POST", "/api/people/{personId}/erase")] = [],
        [("GET", "/api/people/{personId}/fit")] = [Roles.Analyst, Roles.Auditor, Roles.Employee],
        [("GET", "/api/careers/moves")] = [Roles.Analyst, Roles.Auditor],
        [("GET", "/api/people/{personId}/routes")] = [Roles.Analyst, Roles.Auditor, Roles.Employee],
        [("GET", "/api/people/{personId}/learning-path")] = [Roles.Analyst, Roles.Auditor, Roles.Employee],
        [("GET", "/api/roles/{role}/candidates")] = [Roles.Analyst],
        [("GET", "/api/evaluation/paths")] = [Roles.Analyst],
        [("GET", "/api/strategy/goals/{goalId}/targets/{n}/candidates")] = [Roles.Analyst],
    };

    private static bool Allows(string role, string method, string template) =>
        role == Roles.Admin || Matrix.TryGetValue((method, template), out var roles) && roles.Contains(role);

    [Fact]
    public async Task Each_role_may_call_exactly_its_routes()
    {
        var routes = (await RoutesAsync()).Where(r => r.Path.StartsWith("/api")).ToList();
        Assert.Equal(Matrix.Keys.Order(), routes.Select(r => (r.Method, r.Template)).Order());
        foreach (var role in Roles.All)
        {
            using var client = await app.ClientForAsync(app.Organisation, role, Roles.IsPersonBound(role) ? "x" : null);
            foreach (var (method, path, template) in routes)
            {
                var response = await client.SendAsync(Request(method, path));
                var allowed = Allows(role, method, template);
                if (allowed) Assert.False(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"{role}: {method} {path} → {(int)response.StatusCode}");
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role}: {method} {path} → {(int)response.StatusCode}, expected 403");
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
                    Assert.Contains($"a key with role '{role}' may not call {method} {template}", await response.Content.ReadAsStringAsync());
                }
            }
        }
    }

    [Fact]
    public async Task An_employee_key_may_not_read_anyone_else()
    {
        using var client = await app.ClientForAsync(app.Organisation, Roles.Employee, "someone-else");
        foreach (var (method, path, template) in (await RoutesAsync()).Where(r => r.Path.StartsWith("/api")))
        {
            var response = await client.SendAsync(Request(method, path));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"employee of someone-else: {method} {path} → {(int)response.StatusCode}, expected 403");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains($"a key with role 'employee' may not call {method} {template}", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Two_organisations_with_the_same_ids_never_see_each_other()
    {
        using var a = await app.ClientForAsync("org-a", Roles.Admin);
        using var b = await app.ClientForAsync("org-b", Roles.Admin);
        async Task Post(HttpClient c, params object[] events) =>
            Assert.True((await c.PostAsJsonAsync("/api/events", new { events })).IsSuccessStatusCode);
        await Post(a, Events.SkillDefined("shared"), Events.Hired("E1", eventId: "same-id"), Events.Assessed("E1", "shared", 5, eventId: "same-a"),
            Events.Hired("ONLY-A"), new { type = "course_completed", personId = "E1", courseId = "c", programId = "prog-a", hours = 3, occurredAt = Events.Past });
        await Post(b, Events.SkillDefined("shared", 1, 4), Events.Hired("E1", eventId: "same-id"), Events.Assessed("E1", "shared", 1, eventId: "same-b"));
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        // The same eventId in two organisations is two events.
        var bEvents = await (await b.GetAsync("/api/people/E1/events")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["same-id", "same-b"], bEvents.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("eventId").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync("/api/people/ONLY-A/events")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync("/api/people/ONLY-A/skills")).StatusCode);
        var bLevel = await (await b.GetAsync("/api/people/E1/skills/shared")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1.0, bLevel.GetProperty("level").GetDouble());

        var feed = await app.FeedAsync(b);
        Assert.Contains(feed, e => e.GetProperty("eventId").GetString() == "same-b"); // the feed is b's, and not empty
        Assert.DoesNotContain(feed, e => e.GetProperty("eventId").GetString() is "same-a" or "ONLY-A");
        Assert.All(feed, e => Assert.NotEqual("ONLY-A", e.TryGetProperty("personId", out var p) ? p.GetString() : null));

        var csv = await (await b.GetAsync("/api/export/person?format=csv")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("ONLY-A", csv);
        Assert.DoesNotContain("org-a", csv);
        var assessments = await (await b.GetAsync("/api/export/skill_assessment?format=csv")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("same-a", assessments);
        var roi = await (await b.GetAsync("/api/analytics/roi")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("prog-a", roi);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync("/api/analytics/roi/prog-a")).StatusCode);
        var report = await b.GetAsync("/api/reports/roi");
        Assert.True(report.IsSuccessStatusCode || report.StatusCode == HttpStatusCode.NotFound, $"report → {(int)report.StatusCode}");
        Assert.DoesNotContain("prog-a", await report.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync("/api/reports/roi?program=prog-a")).StatusCode);
        Assert.DoesNotContain("ONLY-A", await (await b.GetAsync("/api/teams/data-core/gaps")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync("/api/people/ONLY-A/gaps")).StatusCode);
        Assert.DoesNotContain("prog-a", await (await b.GetAsync("/api/analytics/growth?by=program&minGroupSize=1")).Content.ReadAsStringAsync());
        var retentionB = await (await b.GetAsync("/api/analytics/retention?landmarkDays=0&minGroupSize=1")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, retentionB.GetProperty("followed").GetInt32() + retentionB.GetProperty("notYetAtLandmark").GetInt32() + retentionB.GetProperty("leftBeforeLandmark").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync("/api/people/ONLY-A/skills/shared/lineage")).StatusCode);
        var accessB = await (await b.GetAsync("/api/audit/access?personId=ONLY-A")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.All(accessB.GetProperty("entries").EnumerateArray(), e => Assert.DoesNotContain("org-a", e.ToString()));
        var verifyB = await (await b.GetAsync("/api/audit/verify")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, verifyB.GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task A_revoked_key_stops_working()
    {
        var keys = (SkillsLedger.Access.ApiKeys)app.Services.GetService(typeof(SkillsLedger.Access.ApiKeys))!;
        var (info, key) = await keys.CreateAsync(app.Organisation, Roles.Auditor, "to-revoke", CancellationToken.None);
        using var client = await app.ClientForAsync(null, null);
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/audit/head")).StatusCode);
        Assert.True(await keys.RevokeAsync(info.KeyId, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/audit/head")).StatusCode);
    }

    [Fact]
    public async Task Reads_of_person_level_data_are_logged_for_auditors()
    {
        await app.PostEventsAsync(Events.SkillDefined("acc-skill"), Events.Hired("ACC1"), Events.Assessed("ACC1", "acc-skill", 3));
        var keys = (SkillsLedger.Access.ApiKeys)app.Services.GetService(typeof(SkillsLedger.Access.ApiKeys))!;
        var (_, key) = await keys.CreateAsync(app.Organisation, Roles.Analyst, "curious-analyst", CancellationToken.None);
        using var analyst = await app.ClientForAsync(null, null);
        analyst.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/people/ACC1/skills")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/people/ACC1/skills/acc-skill")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/people/ACC1/skills/acc-skill/lineage")).StatusCode);

        using var auditor = await app.ClientForAsync(app.Organisation, Roles.Auditor);
        var log = await (await auditor.GetAsync("/api/audit/access?personId=ACC1")).Content.ReadFromJsonAsync<JsonElement>();
        var entries = log.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("who").GetString() == "key:curious-analyst").ToList();
        Assert.Equal(2, entries.Count); // the refused lineage read never reached the data
        Assert.Contains(entries, e => e.GetProperty("route").GetString() == "/api/people/{personId}/skills/{skill}");
        Assert.All(entries, e => Assert.Equal(200, e.GetProperty("status").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/audit/access?personId=ACC1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.GetAsync("/api/audit/access")).StatusCode);
    }
}
