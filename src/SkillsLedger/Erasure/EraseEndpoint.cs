using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using System.Text.Json;
using Marten;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;
using SkillsLedger.Web;
using Wolverine.Http;

using SkillsLedger.Privacy;

namespace SkillsLedger.Erasure;

public sealed record ErasureView(string PersonId, bool Erased, bool AlreadyErased, string EventId, DateTimeOffset At);

/// <summary>
/// POST /api/people/{personId}/erase (admin) — GDPR Art. 17 by crypto-shredding: the person's key is destroyed first
/// (that is the erasure: from then on their personal fields read as "[erased]" everywhere), then a person_erased event
/// records it. Both are idempotent, so a retry after a failure between the two completes the record. Events, levels,
/// aggregates, lineage and the hash chain are untouched.
/// </summary>
public static class EraseEndpoint
{
    [Authorize(Policy = LedgerPolicies.Administer)]
    [EndpointSummary("Erases a person's personal fields by destroying their key (crypto-shredding) and records person_erased")]
    [ProducesResponseType<ErasureView>(StatusCodes.Status200OK, "application/json")]
    [WolverinePost("/api/people/{personId}/erase")]
    public static async Task<IResult> Post(string personId, HttpContext http, IDocumentStore store, LedgerDatabase db, LedgerAppender appender,
        TimeProvider clock, CancellationToken ct)
    {
        var org = RequestContext.Organisation(http);
        string? reason = null;
        if (http.Request.ContentLength > 0)
        {
            var (body, problem) = await RequestBody.ReadJsonAsync(http.Request, ct);
            if (problem is not null) return problem;
            using var doc = body!.Document;
            if (doc.RootElement.TryGetProperty("reason", out var r))
            {
                if (r.ValueKind != JsonValueKind.String || r.GetString()!.Length > 1000) return Problems.BadRequest("reason", "must be a string of at most 1000 characters");
                reason = r.GetString();
            }
        }
        await using (var session = store.QuerySession(org))
            if (await session.Events.FetchStreamStateAsync(StreamKeys.Person(personId), ct) is null)
                return Problems.NotFound("personId", $"no events for person '{personId}'");

        var at = clock.GetUtcNow();
        bool erasedNow;
        await using (var conn = await db.DataSource.OpenConnectionAsync(ct))
        {
            erasedNow = await PersonKeys.DestroyAsync(conn, org, personId, at, ct);
            await Xapi.StatementErasure.RedactAsync(conn, org, personId, ct);
        }

        var eventId = $"erasure-{personId}";
        var outcome = await appender.AppendAsync([new PersonErased(personId, reason, at, eventId, "skillsledger")], AppendContext.Of(http), ct: ct);
        return outcome switch
        {
            AppendOutcome.Appended => Results.Json(new ErasureView(personId, true, !erasedNow, eventId, at), LedgerJson.Views),
            AppendOutcome.Conflict c => Problems.Conflict(c.Field, c.Detail),
            AppendOutcome.Invalid i => Problems.Validation(i.Errors),
            _ => throw new InvalidOperationException($"Unhandled outcome {outcome.GetType().Name}"),
        };
    }
}
