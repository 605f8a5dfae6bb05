using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SkillsLedger.Infrastructure;
using SkillsLedger.SkillLevels;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.SkillLevels;

/// <summary>
/// The person routes take skill scales from memory (SkillScaleCatalogue) while the catalogue is unchanged. A changed
/// catalogue must show on the very next read, also when the change was not made through this service's routes (another
/// node, an import): here a second node's query, with its own cache, must see a change the first node made.
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class SkillScaleCatalogueTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("scale-catalogue");

    [Fact]
    public async Task A_changed_catalogue_shows_on_the_next_read_however_it_was_changed()
    {
        Ok(await app.PostJsonAsync("/api/events", """
            {"events":[
             {"type":"skill_defined","eventId":"sc-d1","skill":"sc-sql","name":"SQL","scaleMin":1,"scaleMax":5,"occurredAt":"2024-01-01T00:00:00Z"},
             {"type":"person_hired","eventId":"sc-h1","personId":"SC1","department":"Data","role":"sc-analyst","team":"sc-team","occurredAt":"2024-01-01T00:00:00Z"},
             {"type":"skill_assessed","eventId":"sc-a1","personId":"SC1","skill":"sc-sql","level":3,"method":"manager","occurredAt":"2024-02-01T00:00:00Z"}
            ]}
            """));
        Assert.Equal(5m, ScaleMax(await app.GetJsonAsync("/api/people/SC1/skills")));

        // A second node: the same database, its own cache, which now holds the 1–5 scale.
        var otherNode = new PersonEvidenceQuery(app.Services.GetRequiredService<LedgerDatabase>(), new SkillScaleCatalogue());
        Assert.Equal(5m, (await otherNode.LoadAsync(app.Organisation, "SC1", "sc-sql", CancellationToken.None)).Scales["sc-sql"].Max);

        // Redefined through this node's API: the wider scale on the next read, on both nodes.
        Ok(await app.PostEventsAsync(new { type = "skill_defined", eventId = "sc-d2", skill = "sc-sql", name = "SQL", scaleMin = 1, scaleMax = 8, occurredAt = "2024-03-01T00:00:00Z" }));
        Assert.Equal(8m, ScaleMax(await app.GetJsonAsync("/api/people/SC1/skills")));
        Assert.Equal(8m, (await app.GetJsonAsync("/api/people/SC1/skills/sc-sql")).GetProperty("scaleMax").GetDecimal());
        Assert.Equal(8m, (await otherNode.LoadAsync(app.Organisation, "SC1", "sc-sql", CancellationToken.None)).Scales["sc-sql"].Max);

        // A skill defined after the scales were cached is found by the one-skill route.
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/people/SC1/skills/sc-python")).StatusCode);
        Ok(await app.PostEventsAsync(new { type = "skill_defined", eventId = "sc-d4", skill = "sc-python", name = "Python", scaleMin = 0, scaleMax = 4, occurredAt = "2024-05-01T00:00:00Z" }));
        var python = await app.GetJsonAsync("/api/people/SC1/skills/sc-python");
        Assert.Equal(0m, python.GetProperty("scaleMin").GetDecimal());
        Assert.Equal(4m, python.GetProperty("scaleMax").GetDecimal());
    }

    private static decimal ScaleMax(System.Text.Json.JsonElement skills) =>
        skills.GetProperty("skills").EnumerateArray().Single(s => s.GetProperty("skill").GetString() == "sc-sql").GetProperty("scaleMax").GetDecimal();

    private static void Ok(HttpResponseMessage r) => Assert.True(r.IsSuccessStatusCode, r.Content.ReadAsStringAsync().Result);
}
