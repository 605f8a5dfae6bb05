using SkillsLedger.Infrastructure;
using Marten;
using Npgsql;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Ingestion;

/// <summary>
/// Storage for the bulk import: person events by one binary COPY per run (<see cref="MartenEventCopy"/>); catalogue
/// events (rare, and the only ones with inline projections) through <see cref="MartenAppend"/> in the same transaction,
/// so the skill catalogue and role profiles are built exactly as on the normal path.
/// </summary>
internal sealed class CopyStorage(DocumentStore store) : IEventStorage
{
    private readonly MartenEventCopy _copy = new(store);

    /// <summary>The jsonb text, computed on the import's reading thread for the next chunk (thread-safe).</summary>
    public PreparedEvent Prepare(ILedgerEvent encrypted) => _copy.Prepare(encrypted);

    /// <summary>
    /// Nothing to queue on: every writer takes the organisation's chain-head lock before a stream version is read
    /// here, so a retry (an event id another writer stored first) re-validates and finds the winner's events.
    /// </summary>
    public Task QueueBehindOtherWritersAsync(NpgsqlConnection conn, string organisation, IReadOnlyList<ILedgerEvent> batch, CancellationToken ct) =>
        Task.CompletedTask;

    /// <summary>
    /// Cut into runs of catalogue and person events, in the pipeline's order: with the same batch size both storages
    /// give every event the same sequence.
    /// </summary>
    public async Task<List<StoredEvent>> StoreAsync(NpgsqlConnection conn, IDocumentSession session, AppendContext context,
        IReadOnlyList<PreparedEvent> events, long? expectedVersion, CancellationToken ct)
    {
        if (expectedVersion is not null) throw new NotSupportedException("the bulk import appends without an expected stream version");
        var stored = new List<StoredEvent>(events.Count);
        foreach (var run in Runs(events))
        {
            if (run[0].Event is ICatalogueEvent)
                using (ImportProfile.Time("catalogue via Marten")) stored.AddRange(await MartenAppend.Instance.StoreAsync(conn, session, context, run, null, ct));
            else stored.AddRange(await _copy.CopyAsync(conn, context, run, ct));
        }
        return stored;
    }

    private static IEnumerable<List<PreparedEvent>> Runs(IReadOnlyList<PreparedEvent> events)
    {
        var run = new List<PreparedEvent>();
        foreach (var e in events)
        {
            if (run.Count > 0 && (run[0].Event is ICatalogueEvent) != (e.Event is ICatalogueEvent))
            {
                yield return run;
                run = [];
            }
            run.Add(e);
        }
        if (run.Count > 0) yield return run;
    }
}
