using SkillsLedger.Domain.Events;

namespace SkillsLedger.Ingestion;

/// <summary>One write as an entry point hands it to <see cref="WritePipeline"/>: the batch, who writes it, and the options some writers use.</summary>
internal sealed record WriteRequest(IReadOnlyList<ILedgerEvent> Events, AppendContext Context)
{
    /// <summary>For one person's stream: the version the caller last saw (0 = new stream); a stale one is a 409.</summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>An Idempotency-Key: a repeated request replays the stored response instead of writing again.</summary>
    public IdempotencyRequest? Idempotency { get; init; }

    /// <summary>The JSON body stored for an Idempotency-Key replay.</summary>
    public Func<AppendOutcome.Appended, string>? RenderResponse { get; init; }

    /// <summary>Work of another store done first in the same transaction (xAPI statements), adding events to the batch.</summary>
    public IAppendStep? Step { get; init; }

    /// <summary>
    /// The batch's personal data encrypted ahead, outside the transaction (the import prepares its next chunk while one
    /// is stored); null = encrypted inside the transaction, after the rules.
    /// </summary>
    public PreparedChunk? Prepared { get; init; }

    /// <summary>
    /// Personal data of an erased person reported as an error at that event (an import chunk is large: name the line)
    /// rather than as a conflict of the whole batch (HTTP: 409).
    /// </summary>
    public bool ErasureAtTheEvent { get; init; }
}
