using Marten;
using Npgsql;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Ingestion;

/// <summary>
/// The write path of HTTP, `import --per-batch`, demo, erasure and xAPI: <see cref="WritePipeline"/> with Marten's own
/// append as its storage step. A batch is validated against the ledger's state and appended in one transaction together
/// with its event ids (and idempotency record), so either all of it is stored or none of it is.
/// </summary>
public sealed class LedgerAppender(IDocumentStore store, LedgerDatabase database, TimeProvider clock)
{
    private readonly WritePipeline _pipeline = new(store, database, clock);

    /// <param name="expectedVersion">For one person's stream: the version the caller last saw (0 = new stream).</param>
    /// <param name="renderResponse">Builds the JSON body stored for an Idempotency-Key replay.</param>
    /// <param name="step">Work of another store in the same transaction (xAPI statements), see <see cref="IAppendStep"/>.</param>
    public Task<AppendOutcome> AppendAsync(IReadOnlyList<ILedgerEvent> events, AppendContext context,
        long? expectedVersion = null, IdempotencyRequest? idempotency = null,
        Func<AppendOutcome.Appended, string>? renderResponse = null, CancellationToken ct = default, IAppendStep? step = null) =>
        // Server-assigned ids make every event addressable (retractions, lineage) even when the client sent none.
        _pipeline.RunAsync(new WriteRequest(events.Select(e => e.EventId is null ? e.WithEventId(Guid.CreateVersion7().ToString()) : e).ToList(), context)
        {
            ExpectedVersion = expectedVersion,
            Idempotency = idempotency,
            RenderResponse = renderResponse,
            Step = step,
        }, MartenAppend.Instance, ct);
}

/// <summary>
/// Work of another store done inside the append's own transaction before the ledger rules run — the xAPI statements
/// stored with the events derived from them — so both are committed or neither. Runs again on every retry.
/// </summary>
public interface IAppendStep
{
    /// <returns>Events to append with the batch (ids set), or an outcome that stops the append (nothing is committed).</returns>
    Task<(IReadOnlyList<ILedgerEvent> Events, AppendOutcome? Stop)> RunAsync(NpgsqlConnection conn, IDocumentSession session, CancellationToken ct);
}
