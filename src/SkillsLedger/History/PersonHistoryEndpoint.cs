using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using SkillsLedger.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using System.Text.Json.Nodes;
using Marten;
using SkillsLedger.Domain.Events;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.History;

/// <summary>GET /api/people/{personId}/events — everything the ledger holds about one person, in order.</summary>
public static class PersonHistoryEndpoint
{
    [Authorize(Policy = LedgerPolicies.ReadEvidence)]
    [EndpointSummary("Everything the ledger holds about one person, in order, with what the server added")]
    [Produces("application/json")]
    [WolverineGet("/api/people/{personId}/events")]
    public static async Task<IResult> Get(string personId, ClaimsPrincipal user, IDocumentStore store, LedgerDatabase db, CancellationToken ct)
    {
        var org = user.Organisation();
        await using var session = store.QuerySession(org);
        var events = await session.Events.FetchStreamAsync(StreamKeys.Person(personId), token: ct);
        if (events.Count == 0) return Problems.NotFound("personId", $"no events for person '{personId}'");
        var keys = await StoredEventJson.KeysForAsync(db, org, events, ct);
        var body = new JsonObject
        {
            ["personId"] = personId,
            ["version"] = events[^1].Version,
            ["events"] = new JsonArray(events.Select(e => (JsonNode)StoredEventJson.Render(e, org, keys)).ToArray()),
        };
        return Results.Text(body.ToJsonString(LedgerJson.Options), "application/json");
    }
}
