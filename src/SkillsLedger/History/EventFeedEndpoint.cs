using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using System.Text.Json.Nodes;
using Marten;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.History;

/// <summary>
/// GET /api/events?after=&amp;limit= — the organisation's whole log in sequence order, for downstream consumers
/// that poll: pass the last sequence you saw as "after".
/// </summary>
public static class EventFeedEndpoint
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    [Authorize(Policy = LedgerPolicies.ReadEvidence)]
    [WolverineGet("/api/events")]
    public static async Task<IResult> Get(HttpContext http, IDocumentStore store, SkillsLedger.Infrastructure.LedgerDatabase database, CancellationToken ct)
    {
        var query = http.Request.Query;
        long after = 0;
        var limit = DefaultLimit;
        if (query.TryGetValue("after", out var a) && (!long.TryParse(a, out after) || after < 0))
            return Problems.BadRequest("after", "must be a whole number ≥ 0 (a sequence number)");
        if (query.TryGetValue("limit", out var l) && (!int.TryParse(l, out limit) || limit is < 1 or > MaxLimit))
            return Problems.BadRequest("limit", $"must be a whole number between 1 and {MaxLimit}");

        var (ceiling, _) = await SafeFeedCeiling.FindAsync(database, after, Math.Max(limit * 4, 1000), ct);
        var org = RequestContext.Organisation(http);
        await using var session = store.QuerySession(org);
        var events = await session.Events.QueryAllRawEvents()
            // Marten writes "tombstone" placeholders for sequence numbers reserved by failed appends: not ledger facts.
            .Where(e => e.Sequence > after && e.Sequence <= ceiling && e.EventTypeName != "tombstone")
            .OrderBy(e => e.Sequence)
            .Take(limit)
            .ToListAsync(ct);
        var keys = await StoredEventJson.KeysForAsync(database, org, events, ct);
        var body = new JsonObject
        {
            ["after"] = after,
            ["count"] = events.Count,
            ["lastSequence"] = events.Count > 0 ? events[^1].Sequence : after,
            // Where to resume: past other organisations' events and settled holes, never past an append in flight.
            ["nextAfter"] = events.Count == limit ? events[^1].Sequence : Math.Max(after, ceiling),
            ["events"] = new JsonArray(events.Select(e => (JsonNode)StoredEventJson.Render(e, org, keys)).ToArray()),
        };
        return Results.Text(body.ToJsonString(SkillsLedger.Infrastructure.LedgerJson.Options), "application/json");
    }
}
