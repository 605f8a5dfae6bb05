using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten.Events;
using SkillsLedger.Access;
using SkillsLedger.Cli;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Access;

/// <summary>
/// The employee key (issue 16 item 7): bound to one person at creation, it reads that person's own person-level data
/// and nothing else, and its reads are in the access log like anyone's. The route-by-route matrix is in AccessTests.
/// </summary>
[Collection(SharedLedger.Service)]
public sealed class EmployeeKeyTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("access-employee-keys");

    private ApiKeys Keys => (ApiKeys)app.Services.GetService(typeof(ApiKeys))!;

    private Task<int> KeysCli(params string[] args) =>
        KeysCommand.RunAsync(new CliArgs([.. args, "--db", app.ConnectionString, "--org", "emp-cli"]), CancellationToken.None);

    [Fact]
    public async Task The_person_is_required_for_an_employee_key_and_refused_for_other_roles()
    {
        var none = await Assert.ThrowsAsync<UsageException>(() => KeysCli("create", "--role", "employee"));
        Assert.Equal("a key with role 'employee' needs --person PERSON_ID (the one person it may read)", none.Message);
        var analyst = await Assert.ThrowsAsync<UsageException>(() => KeysCli("create", "--role", "analyst", "--person", "E000123"));
        Assert.Equal("--person is only for role 'employee'; a key with role 'analyst' is not bound to a person", analyst.Message);
        Assert.Empty(await Keys.ListAsync("emp-cli", CancellationToken.None)); // nothing written by the refusals

        Assert.Equal(0, await KeysCli("create", "--role", "employee", "--person", "E000123", "--name", "self-service"));
        var stored = Assert.Single(await Keys.ListAsync("emp-cli", CancellationToken.None));
        Assert.Equal((Roles.Employee, "E000123", "self-service"), (stored.Role, stored.PersonId, stored.Name));
        await Assert.ThrowsAsync<ArgumentException>(() => Keys.CreateAsync("emp-cli", Roles.Auditor, null, CancellationToken.None, "E000123"));
    }

    [Fact]
    public async Task An_employee_reads_only_their_own_data_and_the_reads_are_logged()
    {
        await app.PostEventsAsync(Events.SkillDefined("emp-skill"), Events.Hired("EMP1"), Events.Hired("EMP2"),
            Events.Assessed("EMP1", "emp-skill", 3), Events.Assessed("EMP2", "emp-skill", 4));
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var (_, key) = await Keys.CreateAsync(app.Organisation, Roles.Employee, "emp1-self", CancellationToken.None, "EMP1");
        using var self = await app.ClientForAsync(null, null);
        self.DefaultRequestHeaders.Authorization = new("Bearer", key);

        var own = await self.GetFromJsonAsync<JsonElement>("/api/people/EMP1/skills");
        Assert.Equal(3.0, own.GetProperty("skills")[0].GetProperty("level").GetDouble(), 9);
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync("/api/people/EMP1/skills/emp-skill/lineage")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync("/api/people/EMP1/gaps")).StatusCode);

        foreach (var path in new[] { "/api/people/EMP2/skills", "/api/people/EMP2/skills/emp-skill/lineage", "/api/people/emp1/skills",
                     "/api/people/EMP1/events", "/api/teams/data-core/gaps", "/api/analytics/growth", "/api/export/person", "/api/strategy/goals" })
        {
            var refused = await self.GetAsync(path);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{path} → {(int)refused.StatusCode}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            Assert.DoesNotContain("\"level\"", await refused.Content.ReadAsStringAsync()); // no figure leaks into the refusal
        }

        using var auditor = await app.ClientForAsync(app.Organisation, Roles.Auditor);
        var log = await auditor.GetFromJsonAsync<JsonElement>("/api/audit/access?personId=EMP1");
        var mine = log.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("who").GetString() == "key:emp1-self").ToList();
        Assert.Equal(["/api/people/{personId}/gaps", "/api/people/{personId}/skills", "/api/people/{personId}/skills/{skill}/lineage"],
            mine.Select(e => e.GetProperty("route").GetString()).Order(StringComparer.Ordinal));
        var others = await auditor.GetFromJsonAsync<JsonElement>("/api/audit/access?personId=EMP2");
        Assert.DoesNotContain(others.GetProperty("entries").EnumerateArray(), e => e.GetProperty("who").GetString() == "key:emp1-self");
    }
}
