using Marten;
using Npgsql;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Ingestion;

/// <summary>
/// The one step of <see cref="WritePipeline"/> that differs between writers: how checked, encrypted events reach
/// Marten's tables. <see cref="MartenAppend"/> for HTTP, `import --per-batch`, demo and xAPI; <see cref="CopyStorage"/>
/// for the bulk import. Everything before (rules, encryption) and after (chain, event ids, idempotency) is shared.
/// </summary>
internal interface IEventStorage
{
    /// <summary>
    /// The stored form of an encrypted event that can be computed before the transaction: the jsonb text for COPY
    /// (hashed by the chain without reading the row back), nothing for Marten's own append.
    /// </summary>
    PreparedEvent Prepare(ILedgerEvent encrypted);

    /// <summary>Called at the start of a retry, after a lost race, before anything else in the new transaction.</summary>
    Task QueueBehindOtherWritersAsync(NpgsqlConnection conn, string organisation, IReadOnlyList<ILedgerEvent> batch, CancellationToken ct);

    /// <summary>
    /// Stores the events, already grouped by stream in order of first appearance, while the pipeline holds the
    /// organisation's chain-head lock; returns them with their global sequence numbers, in the order given.
    /// </summary>
    /// <param name="expectedVersion">For one person's stream: the version the caller last saw (0 = new stream); null = no check.</param>
    Task<List<StoredEvent>> StoreAsync(NpgsqlConnection conn, IDocumentSession session, AppendContext context,
        IReadOnlyList<PreparedEvent> events, long? expectedVersion, CancellationToken ct);
}

/// <summary>What the event-id table and the chain need to know about one stored event (its chained form when known without reading it back).</summary>
public sealed record StoredEvent(string EventId, string Type, string StreamKey, long Version, long Sequence, Chain.ChainedEvent? Chained = null);
