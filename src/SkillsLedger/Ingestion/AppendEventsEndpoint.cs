using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using Wolverine.Http;

namespace SkillsLedger.Ingestion;

/// <summary>The reply to an append: how many were new, how many were already in the ledger, and where the log now ends.</summary>
public sealed record AppendResponse(int Appended, int Duplicates, long LastSequence, IReadOnlyList<string> DuplicateEventIds, long? Version = null);

/// <summary>POST /api/events — any mix of events, validated as a whole and appended atomically.</summary>
public static class AppendEventsEndpoint
{
    [Authorize(Policy = LedgerPolicies.Append)]
    [EndpointSummary("Appends a batch of events atomically: all new ones or none; duplicates reported, not errors")]
    [ProducesResponseType<AppendResponse>(StatusCodes.Status200OK, "application/json")]
    [WolverinePost("/api/events")]
    public static Task<IResult> Post(HttpContext http, LedgerAppender appender, CancellationToken ct) =>
        HttpAppend.FromRequestAsync(http, appender, personId: null, ct);
}
