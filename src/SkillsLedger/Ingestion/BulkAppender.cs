using Marten;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Ingestion;

/// <summary>
/// The import's fast path: <see cref="WritePipeline"/> — the same steps, contract and transaction per chunk as
/// <see cref="LedgerAppender"/> — with binary COPY as its storage step (<see cref="CopyStorage"/>), and the chunk's
/// personal data encrypted and serialised ahead, while the previous chunk is stored.
/// </summary>
public sealed class BulkAppender(DocumentStore store, LedgerDatabase database, AppendContext context, TimeProvider clock)
{
    private readonly WritePipeline _pipeline = new(store, database, clock);
    private readonly CopyStorage _storage = new(store);

    /// <summary>Prepares and stores one chunk (see <see cref="PrepareAsync"/> for the split the import uses).</summary>
    public async Task<AppendOutcome> AppendAsync(IReadOnlyList<ILedgerEvent> chunk, CancellationToken ct) =>
        await (await PrepareAsync(chunk, ct))(ct);

    /// <summary>
    /// The chunk's client-side work that needs no lock (<see cref="PreparedChunk"/>), done now; returns the step that
    /// stores it. <see cref="BatchLoader"/> prepares the next chunk on its reading thread while this one is stored.
    /// </summary>
    public async Task<Func<CancellationToken, Task<AppendOutcome>>> PrepareAsync(IReadOnlyList<ILedgerEvent> chunk, CancellationToken ct)
    {
        var prepared = await PreparedChunk.PrepareAsync(database, context.Organisation, chunk, _storage.Prepare, ct);
        var request = new WriteRequest(chunk, context) { Prepared = prepared, ErasureAtTheEvent = true };
        return c => _pipeline.RunAsync(request, _storage, c);
    }
}
