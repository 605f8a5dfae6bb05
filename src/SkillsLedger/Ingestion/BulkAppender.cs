using JasperFx.Events;
using Marten;
using Npgsql;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.Validation;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Ingestion;

/// <summary>
/// The import's fast path: the same contract as <see cref="LedgerAppender"/> for one large chunk (validation against
/// ledger state with <see cref="BatchRules"/>, duplicates skipped, personal data encrypted, hash chain extended,
/// event-id rows, all in one transaction), but person events reach Marten's tables by binary COPY instead of one
/// insert per event. Catalogue events (rare, and the only ones with inline projections) still go through Marten's
/// own append in the same transaction, so the skill catalogue and role profiles are built exactly as before.
/// </summary>
/// <remarks>
/// Concurrency: like the normal path, the chunk is validated first, then the organisation's chain head row is locked
/// before any sequence number is taken. Every writer of the organisation takes that lock before it appends, so stream
/// versions read after it cannot go stale, and sequences follow the chain. A writer that stored one of the chunk's
/// event ids between validation and the lock makes the event-id insert fail: the chunk is re-validated and retried.
/// </remarks>
public sealed class BulkAppender(DocumentStore store, LedgerDatabase database, AppendContext context, TimeProvider clock)
{
    private readonly MartenEventCopy _copy = new(store);

    /// <summary>Prepares and stores one chunk (see <see cref="PrepareAsync"/> for the split the import uses).</summary>
    public async Task<AppendOutcome> AppendAsync(IReadOnlyList<ILedgerEvent> chunk, CancellationToken ct) =>
        await (await PrepareAsync(chunk, ct))(ct);

    /// <summary>
    /// The chunk's client-side work that needs no lock (<see cref="PreparedChunk"/>), done now; returns the step that
    /// stores it. <see cref="BatchLoader"/> prepares the next chunk on its reading thread while this one is stored.
    /// </summary>
    public async Task<Func<CancellationToken, Task<AppendOutcome>>> PrepareAsync(IReadOnlyList<ILedgerEvent> chunk, CancellationToken ct)
    {
        var prepared = await PreparedChunk.PrepareAsync(database, context.Organisation, chunk, _copy.Prepare, ct);
        return c => StoreAsync(chunk, prepared, c);
    }

    private Task<AppendOutcome> StoreAsync(IReadOnlyList<ILedgerEvent> chunk, PreparedChunk prepared, CancellationToken ct) =>
        AppendRetry.RunAsync(_ => TryAppendAsync(chunk, prepared, ct), ct);

    private async Task<AppendOutcome> TryAppendAsync(IReadOnlyList<ILedgerEvent> chunk, PreparedChunk prepared, CancellationToken ct)
    {
        var organisation = context.Organisation;
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var options = Marten.Services.SessionOptions.ForTransaction(tx);
        options.TenantId = organisation;
        await using var session = store.LightweightSession(options);
        session.LastModifiedBy = context.RecordedBy;
        session.CorrelationId = context.CorrelationId;

        LedgerLookup lookup;
        using (ImportProfile.Time("lookup (event ids, skills)")) lookup = await LedgerLookup.LoadAsync(session, conn, organisation, chunk, ct);
        BatchRules.Outcome checkedChunk;
        using (ImportProfile.Time("ledger rules")) checkedChunk = BatchRules.Check(chunk, lookup, clock.GetUtcNow());
        if (checkedChunk.Errors.Count > 0) return new AppendOutcome.Invalid(checkedChunk.Errors);

        string? erased;
        using (ImportProfile.Time("person keys (settle)")) erased = await prepared.SettleKeysAsync(conn, checkedChunk.ToAppend, ct);
        if (erased is not null)
        {
            // A chunk is large: name the line, not just the person (the normal path's batches are small enough).
            var at = chunk.Select((e, i) => (e, i)).First(x => x.e is IPersonEvent p && p.PersonId == erased && Privacy.PersonalDataCipher.HasPersonalData(x.e)).i;
            return new AppendOutcome.Invalid([new FieldError(at, $"events[{at}].personId", LedgerAppender.ErasedConflict(erased).Detail)]);
        }

        var stored = new List<StoredEvent>(checkedChunk.ToAppend.Count);
        if (checkedChunk.ToAppend.Count > 0)
        {
            (long Seq, long Count, byte[] Hash) head;
            using (ImportProfile.Time("chain head lock")) head = await Audit.ChainWriter.LockHeadAsync(conn, organisation, ct);
            // Grouped by stream in order of first appearance, as the normal path appends a batch, then cut into runs of
            // catalogue and person events: with the same batch size both paths give every event the same sequence.
            foreach (var run in Runs(checkedChunk.ToAppend.GroupBy(StreamKeys.For).SelectMany(g => g).ToList()))
            {
                if (run[0] is ICatalogueEvent) using (ImportProfile.Time("catalogue via Marten")) stored.AddRange(await AppendThroughMartenAsync(session, run, ct));
                else stored.AddRange(await _copy.CopyAsync(conn, context, run.Select(e => prepared[e]).ToList(), ct));
            }
            bool formatted;
            using (ImportProfile.Time("jsonb text sample check")) formatted = stored.All(e => e.Chained is not null) && await MartenEventCopy.StoredAsFormattedAsync(conn, organisation, stored, ct);
            if (formatted)
                await Audit.ChainWriter.ExtendWithAsync(conn, organisation, head, stored.Select(e => e.Chained!).ToList(), ct);
            else // catalogue events (Marten wrote them) or a value JsonbText declined: hash what PostgreSQL stored
                using (ImportProfile.Time("chain from stored rows"))
                    await Audit.ChainWriter.ExtendAsync(conn, organisation, head, stored.Select(e => e.Sequence).ToList(), ct);
            using (ImportProfile.Time("COPY ledger_event_ids")) await _copy.CopyEventIdsAsync(conn, organisation, stored, ct);
        }

        var lastSequence = stored.Count > 0 ? stored.Max(e => e.Sequence) : lookup.MaxSequenceOf(checkedChunk.Duplicates) ?? 0;
        using (ImportProfile.Time("commit")) await tx.CommitAsync(ct);
        return new AppendOutcome.Appended(stored.Count, checkedChunk.Duplicates.Count, lastSequence,
            checkedChunk.Duplicates, checkedChunk.ToAppend.Select(e => e.EventId!).ToList());
    }

    /// <summary>Marten's own Rich append (grouped by stream, as the normal path does), so inline projections run.</summary>
    private static async Task<List<StoredEvent>> AppendThroughMartenAsync(IDocumentSession session, List<ILedgerEvent> run, CancellationToken ct)
    {
        var appended = new List<IEvent>(run.Count);
        foreach (var stream in run.GroupBy(StreamKeys.For))
            appended.AddRange(session.Events.Append(stream.Key, stream.Cast<object>().ToArray()).Events);
        await session.SaveChangesAsync(ct);
        return appended.Select(e => new StoredEvent(((ILedgerEvent)e.Data).EventId!, e.EventTypeName, e.StreamKey!, e.Sequence)).ToList();
    }

    private static IEnumerable<List<ILedgerEvent>> Runs(IReadOnlyList<ILedgerEvent> events)
    {
        var run = new List<ILedgerEvent>();
        foreach (var e in events)
        {
            if (run.Count > 0 && (run[0] is ICatalogueEvent) != (e is ICatalogueEvent))
            {
                yield return run;
                run = [];
            }
            run.Add(e);
        }
        if (run.Count > 0) yield return run;
    }
}

/// <summary>What the event-id table and the chain need to know about one stored event (its chained form when known without reading it back).</summary>
public sealed record StoredEvent(string EventId, string Type, string StreamKey, long Sequence, Audit.ChainedEvent? Chained = null);
