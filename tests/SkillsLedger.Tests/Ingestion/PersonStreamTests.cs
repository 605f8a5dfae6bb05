using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Ingestion;

[Collection(SharedLedger.Ingestion)]
public sealed class PersonStreamTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("ingestion-person-stream");

    private Task<HttpResponseMessage> PostPerson(string personId, long? expectedVersion, params object[] events) =>
        app.PostJsonAsync($"/api/people/{personId}/events", JsonSerializer.Serialize(new { expectedVersion, events }));

    private static object Assessed(decimal level) => new { type = "skill_assessed", skill = "ps-skill", level, method = "test", occurredAt = Events.Past };

    [Fact]
    public async Task Expected_version_guards_the_persons_stream()
    {
        await app.PostEventsAsync(Events.SkillDefined("ps-skill"));
        var created = await PostPerson("PS1", 0, Assessed(1), Assessed(2));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(2, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());

        var next = await PostPerson("PS1", 2, Assessed(3));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(3, (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());

        var rows = await app.CountRowsAsync();
        var stale = await PostPerson("PS1", 2, Assessed(4));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("expectedVersion", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        var existsAlready = await PostPerson("PS1", 0, Assessed(4));
        Assert.Equal(HttpStatusCode.Conflict, existsAlready.StatusCode);
        Assert.Equal(rows, await app.CountRowsAsync());
        Assert.Equal(3, (await app.GetJsonAsync("/api/people/PS1/events")).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Without_expected_version_the_person_route_appends_and_fills_in_the_person()
    {
        await app.PostEventsAsync(Events.SkillDefined("ps-skill"));
        var response = await PostPerson("PS2", null, Assessed(2));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = await app.GetJsonAsync("/api/people/PS2/events");
        Assert.Equal("PS2", history.GetProperty("events")[0].GetProperty("personId").GetString());
    }

    [Fact]
    public async Task Events_of_another_person_or_catalogue_events_are_refused_on_the_person_route()
    {
        await app.PostEventsAsync(Events.SkillDefined("ps-skill"));
        var rows = await app.CountRowsAsync();
        var other = await PostPerson("PS3", null, Events.Assessed("SOMEONE-ELSE", "ps-skill", 2));
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal("events[0].personId", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("field").GetString());
        var catalogue = await PostPerson("PS3", null, Events.SkillDefined("x-skill"));
        Assert.Equal(HttpStatusCode.BadRequest, catalogue.StatusCode);
        Assert.Equal(rows, await app.CountRowsAsync());
    }

    [Fact]
    public async Task Concurrent_writers_to_one_person_lose_and_duplicate_nothing()
    {
        await app.PostEventsAsync(Events.SkillDefined("ps-skill"));
        const int writers = 8, perWriter = 10;
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                var response = await app.PostEventsAsync(Events.Assessed("PSC", "ps-skill", 1 + (w + i) % 5, eventId: $"psc-{w}-{i}"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }));
        await Task.WhenAll(tasks);

        var events = (await app.GetJsonAsync("/api/people/PSC/events")).GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(writers * perWriter, events.Count);
        Assert.Equal(writers * perWriter, events.Select(e => e.GetProperty("eventId").GetString()).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, writers * perWriter).Select(v => (long)v), events.Select(e => e.GetProperty("version").GetInt64()));
        // Concurrent appends still form one unbroken hash chain in sequence order.
        var verify = await app.GetJsonAsync("/api/audit/verify");
        Assert.True(verify.GetProperty("ok").GetBoolean(), verify.ToString());
    }

    [Fact]
    public async Task Concurrent_sends_of_the_same_event_id_store_it_once()
    {
        await app.PostEventsAsync(Events.SkillDefined("ps-skill"));
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            app.PostEventsAsync(Events.Assessed("PSD", "ps-skill", 3, eventId: "psd-same"))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var appended = 0;
        foreach (var r in responses) appended += (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("appended").GetInt32();
        Assert.Equal(1, appended);
        Assert.Single((await app.GetJsonAsync("/api/people/PSD/events")).GetProperty("events").EnumerateArray());
    }
}
