using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using SkillsLedger.Infrastructure;
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

    private static readonly QueryParameter After = new("after", "integer", "int64", "0",
        "Return events with a sequence above this one: the last sequence seen (or the previous page's nextAfter). Default: 0.",
        text => long.TryParse(text, out var v) && v >= 0 ? null : "must be a whole number ≥ 0 (a sequence number)", EmptyIsDefault: false);
    private static readonly QueryParameter Limit = new("limit", "integer", "int32", DefaultLimit.ToString(),
        $"At most this many events (1–{MaxLimit}). Default: {DefaultLimit}.",
        text => int.TryParse(text, out var v) && v is >= 1 and <= MaxLimit ? null : $"must be a whole number between 1 and {MaxLimit}", EmptyIsDefault: false);

    public static readonly QuerySpec Query = new(After, Limit);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadEvidence)]
    [EndpointSummary("The organisation's event log in sequence order, a page at a time, for consumers that poll")]
    [Produces("application/json")]
    [WolverineGet("/api/events")]
    public static async Task<IResult> Get(string? after, string? limit, ClaimsPrincipal user, IDocumentStore store, LedgerDatabase database, CancellationToken ct)
    {
        var (from, count) = (after is null ? 0 : long.Parse(after), limit is null ? DefaultLimit : int.Parse(limit));
        var (ceiling, _) = await SafeFeedCeiling.FindAsync(database, from, Math.Max(count * 4, 1000), ct);
        var org = user.Organisation();
        await using var session = store.QuerySession(org);
        var events = await session.Events.QueryAllRawEvents()
            // Marten writes "tombstone" placeholders for sequence numbers reserved by failed appends: not ledger facts.
            .Where(e => e.Sequence > from && e.Sequence <= ceiling && e.EventTypeName != "tombstone")
            .OrderBy(e => e.Sequence)
            .Take(count)
            .ToListAsync(ct);
        var keys = await StoredEventJson.KeysForAsync(database, org, events, ct);
        var body = new JsonObject
        {
            ["after"] = from,
            ["count"] = events.Count,
            ["lastSequence"] = events.Count > 0 ? events[^1].Sequence : from,
            // Where to resume: past other organisations' events and settled holes, never past an append in flight.
            ["nextAfter"] = events.Count == count ? events[^1].Sequence : Math.Max(from, ceiling),
            ["events"] = new JsonArray(events.Select(e => (JsonNode)StoredEventJson.Render(e, org, keys)).ToArray()),
        };
        return Results.Text(body.ToJsonString(LedgerJson.Options), "application/json");
    }
}
