using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using SkillsLedger.Domain.Validation;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Ingestion;

/// <summary>
/// POST /api/people/{personId}/events — one person's events with optimistic concurrency: a stale
/// expectedVersion gets 409 and appends nothing, so two editors cannot silently interleave corrections.
/// </summary>
public static class AppendPersonEventsEndpoint
{
    [Authorize(Policy = LedgerPolicies.Append)]
    [EndpointSummary("Appends one person's events, optionally only if their stream is still at expectedVersion (409 otherwise)")]
    [ProducesResponseType<AppendResponse>(StatusCodes.Status200OK, "application/json")]
    [WolverinePost("/api/people/{personId}/events")]
    public static Task<IResult> Post(string personId, HttpContext http, LedgerAppender appender, CancellationToken ct)
    {
        if (personId.Length > EventReader.MaxPersonIdLength)
            return Task.FromResult(Problems.BadRequest("personId", $"must be at most {EventReader.MaxPersonIdLength} characters"));
        // Events that leave personId out take it from the URL, so it must pass the same checks as a personId field.
        if (personId.Trim().Length == 0 || personId.Any(char.IsControl))
            return Task.FromResult(Problems.BadRequest("personId", "must not be empty or contain control characters"));
        return HttpAppend.FromRequestAsync(http, appender, personId, ct);
    }
}
