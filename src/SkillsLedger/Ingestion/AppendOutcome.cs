using SkillsLedger.Domain.Validation;

namespace SkillsLedger.Ingestion;

/// <summary>Who is appending, and under which organisation; stored with every event.</summary>
public sealed record AppendContext(string Organisation, string RecordedBy, string CorrelationId)
{
    /// <summary>The signed-in caller of an HTTP request and its correlation id.</summary>
    public static AppendContext Of(HttpContext http) =>
        new(Web.RequestContext.Organisation(http), Web.RequestContext.RecordedBy(http), Web.RequestContext.CorrelationId(http));
}

/// <summary>The result of one atomic append: everything or nothing.</summary>
public abstract record AppendOutcome
{
    /// <param name="LastSequence">Highest global sequence appended by this call, or the ledger's current one when nothing was new.</param>
    /// <param name="StreamVersion">For a single-stream append: the stream's version afterwards.</param>
    public sealed record Appended(int Count, int Duplicates, long LastSequence, IReadOnlyList<string> DuplicateEventIds,
        IReadOnlyList<string> EventIds, long? StreamVersion = null) : AppendOutcome;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : AppendOutcome;
    public sealed record Conflict(string Field, string Detail) : AppendOutcome;
    /// <summary>What an idempotent request found: a stored response to replay (a key reused with another body is a <see cref="Conflict"/>).</summary>
    public sealed record Replay(StoredResponse Response) : AppendOutcome;
}
