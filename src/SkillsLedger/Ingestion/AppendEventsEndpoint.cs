using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using System.Text.Json;
using SkillsLedger.Domain.Validation;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Ingestion;

/// <summary>The reply to an append: how many were new, how many were already in the ledger, and where the log now ends.</summary>
public sealed record AppendResponse(int Appended, int Duplicates, long LastSequence, IReadOnlyList<string> DuplicateEventIds, long? Version = null);

/// <summary>POST /api/events — any mix of events, validated as a whole and appended atomically.</summary>
public static class AppendEventsEndpoint
{
    public const string IdempotencyHeader = "Idempotency-Key";

    [Authorize(Policy = LedgerPolicies.Append)]
    [WolverinePost("/api/events")]
    public static Task<IResult> Post(HttpContext http, LedgerAppender appender, CancellationToken ct) =>
        AppendFromRequest(http, appender, personId: null, ct);

    internal static async Task<IResult> AppendFromRequest(HttpContext http, LedgerAppender appender, string? personId, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(http.Request, ct);
        if (problem is not null) return problem;
        using var doc = body!.Document;

        var batch = BatchReader.Read(doc.RootElement, personId);
        if (batch.TooMany) return Problems.TooLarge("events", batch.Errors[0].Message);
        if (!batch.Ok) return Problems.Validation(batch.Errors);

        IdempotencyRequest? idempotency = null;
        if (http.Request.Headers[IdempotencyHeader].ToString() is { Length: > 0 } key)
        {
            if (key.Length > IdempotencyRequest.MaxKeyLength)
                return Problems.BadRequest(IdempotencyHeader, $"must be at most {IdempotencyRequest.MaxKeyLength} characters");
            idempotency = IdempotencyRequest.For(key, http.Request.Path, body.Bytes);
        }

        var outcome = await appender.AppendAsync(batch.Events, RequestContext.ForAppend(http), batch.ExpectedVersion,
            idempotency, a => JsonSerializer.Serialize(ToResponse(a, personId is not null), LedgerJson.Options), ct);
        return outcome switch
        {
            AppendOutcome.Appended a => Results.Json(ToResponse(a, personId is not null), LedgerJson.Options),
            LedgerAppender.Replay r => Results.Content(r.Response.Json, "application/json", statusCode: r.Response.Status),
            AppendOutcome.Invalid i => Problems.Validation(i.Errors),
            AppendOutcome.Conflict c => Problems.Conflict(c.Field, c.Detail),
            _ => throw new InvalidOperationException($"Unhandled outcome {outcome.GetType().Name}"),
        };
    }

    private static AppendResponse ToResponse(AppendOutcome.Appended a, bool withVersion) =>
        new(a.Count, a.Duplicates, a.LastSequence, a.DuplicateEventIds, withVersion ? a.StreamVersion : null);
}
