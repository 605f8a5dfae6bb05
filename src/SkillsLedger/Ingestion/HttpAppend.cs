using System.Text.Json;
using SkillsLedger.Domain.Validation;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;

namespace SkillsLedger.Ingestion;

/// <summary>
/// An append over HTTP, shared by POST /api/events and POST /api/people/{personId}/events: the body read by our strict
/// reader (size limit, UTF-8, duplicate fields, depth — rules a framework deserialiser does not enforce), shape
/// validation, the Idempotency-Key header, then the one write pipeline (<see cref="WritePipeline"/>, through <see cref="LedgerAppender"/>).
/// </summary>
public static class HttpAppend
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<IResult> FromRequestAsync(HttpContext http, LedgerAppender appender, string? personId, CancellationToken ct)
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

        var outcome = await appender.AppendAsync(batch.Events, AppendContext.Of(http), batch.ExpectedVersion,
            idempotency, a => JsonSerializer.Serialize(ToResponse(a, personId is not null), LedgerJson.Options), ct);
        return outcome switch
        {
            AppendOutcome.Appended a => Results.Json(ToResponse(a, personId is not null), LedgerJson.Options),
            AppendOutcome.Replay r => Results.Content(r.Response.Json, "application/json", statusCode: r.Response.Status),
            AppendOutcome.Invalid i => Problems.Validation(i.Errors),
            AppendOutcome.Conflict c => Problems.Conflict(c.Field, c.Detail),
            _ => throw new InvalidOperationException($"Unhandled outcome {outcome.GetType().Name}"),
        };
    }

    private static AppendResponse ToResponse(AppendOutcome.Appended a, bool withVersion) =>
        new(a.Count, a.Duplicates, a.LastSequence, a.DuplicateEventIds, withVersion ? a.StreamVersion : null);
}
