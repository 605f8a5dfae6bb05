using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten.Events;
using Npgsql;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Privacy;

// Own host (IClassFixture, not a SharedLedger collection): pg_dumps the whole database to look for plaintext; a shared
// database holds every other class's data and made the dump, and the test, eight times longer (4.5 s → 37 s).
public sealed class ErasureTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private const string Name = "Zelda Quartermaine-Erasable";
    private const string Email = "zelda.q.erasable@example.org";
    private const string Evidence = "Led the Xylophone-Quokka migration review";
    private const string Assessor = "MGR-Quokka-7781";

    private async Task SeedAsync(string personId)
    {
        var r = await app.PostJsonAsync("/api/events", $$"""
            {"events":[
              {"type":"skill_defined","skill":"er-skill","name":"Erasure","scaleMin":1,"scaleMax":5,"occurredAt":"2024-01-01T00:00:00Z"},
              {"type":"person_hired","personId":"{{personId}}","department":"Data","role":"analyst","team":"er-team","displayName":"{{Name}}","email":"{{Email}}","occurredAt":"2024-02-01T00:00:00Z"},
              {"type":"skill_assessed","eventId":"{{personId}}-a1","personId":"{{personId}}","skill":"er-skill","level":4,"method":"manager","assessorId":"{{Assessor}}","evidence":"{{Evidence}}","occurredAt":"2025-01-01T00:00:00Z"}
            ]}
            """);
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
    }

    private async Task<string> DumpAsync()
    {
        var b = new NpgsqlConnectionStringBuilder(app.ConnectionString);
        var psi = new ProcessStartInfo("/usr/lib/postgresql/15/bin/pg_dump", ["-h", b.Host!, "-p", b.Port.ToString(), "-U", b.Username!, "-d", b.Database!, "--data-only"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        psi.Environment["PGPASSWORD"] = b.Password;
        using var p = Process.Start(psi)!;
        var dump = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, await p.StandardError.ReadToEndAsync());
        Assert.Contains("mt_events", dump);
        return dump;
    }

    [Fact]
    public async Task Personal_fields_are_readable_until_erased_then_gone_while_figures_and_the_chain_stay()
    {
        await SeedAsync("ER1");
        var before = await app.GetJsonAsync("/api/people/ER1/events");
        var hired = before.GetProperty("events")[0];
        Assert.Equal(Name, hired.GetProperty("displayName").GetString());
        Assert.Equal(Email, hired.GetProperty("email").GetString());
        Assert.Equal(Evidence, before.GetProperty("events")[1].GetProperty("evidence").GetString());
        // Plaintext personal data never reaches the database, not even before erasure.
        var dumpBefore = await DumpAsync();
        foreach (var secret in new[] { Name, Email, Evidence, Assessor }) Assert.DoesNotContain(secret, dumpBefore);

        var erase = await app.PostJsonAsync("/api/people/ER1/erase", """{"reason":"request of 2026-11-23"}""");
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        var after = await app.GetJsonAsync("/api/people/ER1/events");
        var events = after.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal("[erased]", events[0].GetProperty("displayName").GetString());
        Assert.Equal("[erased]", events[0].GetProperty("email").GetString());
        Assert.Equal("[erased]", events[1].GetProperty("evidence").GetString());
        Assert.Equal("[erased]", events[1].GetProperty("assessorId").GetString());
        Assert.Equal("person_erased", events[^1].GetProperty("type").GetString());
        var er1InFeed = string.Join("\n", (await app.FeedAsync())
            .Where(e => e.TryGetProperty("personId", out var p) && p.GetString() == "ER1").Select(e => e.ToString()));
        Assert.Contains("[erased]", er1InFeed);
        foreach (var secret in new[] { Name, Email, Evidence, Assessor }) Assert.DoesNotContain(secret, er1InFeed);

        // The facts still count: the level, its lineage, the analytics tables and the hash chain.
        Assert.Equal(4.0, (await app.GetJsonAsync("/api/people/ER1/skills/er-skill")).GetProperty("level").GetDouble());
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/people/ER1/skills/er-skill/lineage")).StatusCode);
        Assert.True((await app.GetJsonAsync("/api/audit/verify")).GetProperty("ok").GetBoolean());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"select erased_at is not null, (select count(*) from analytics.skill_assessment where org_id = '{app.Organisation}' and person_id = 'ER1') from analytics.person where org_id = '{app.Organisation}' and person_id = 'ER1'", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            Assert.True(await r.ReadAsync());
            Assert.True(r.GetBoolean(0));
            Assert.Equal(1, r.GetInt64(1));
        }
        var dumpAfter = await DumpAsync();
        foreach (var secret in new[] { Name, Email, Evidence, Assessor }) Assert.DoesNotContain(secret, dumpAfter);

        // Erasing again changes nothing and records nothing new; new personal data for the person is refused.
        var again = await (await app.PostJsonAsync("/api/people/ER1/erase", "")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(again.GetProperty("alreadyErased").GetBoolean());
        Assert.Single((await app.GetJsonAsync("/api/people/ER1/events")).GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "person_erased");
        var refused = await app.PostEventsAsync(new { type = "skill_assessed", personId = "ER1", skill = "er-skill", level = 3, method = "peer", evidence = "new notes", occurredAt = Events.Past });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.PostEventsAsync(Events.Assessed("ER1", "er-skill", 3, "peer"))).StatusCode); // facts without personal data are fine
    }

    [Fact]
    public async Task Erasure_is_admin_only_and_clients_cannot_send_person_erased()
    {
        await SeedAsync("ER2");
        using var auditor = await app.ClientForAsync(app.Organisation, "auditor");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync("/api/people/ER2/erase", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.PostJsonAsync("/api/people/NO-SUCH-PERSON/erase", "")).StatusCode);
        var forged = await app.PostEventsAsync(new { type = "person_erased", personId = "ER2", occurredAt = Events.Past });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(Name, (await app.GetJsonAsync("/api/people/ER2/events")).GetProperty("events")[0].GetProperty("displayName").GetString());
    }
}
