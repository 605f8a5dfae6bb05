using Marten;
using Npgsql;
using NpgsqlTypes;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.Validation;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Ingestion;

/// <summary>
/// The one write pipeline of the ledger. Every write — POST /api/events and /api/people/{id}/events, `import` (per
/// batch and bulk COPY), `demo`, xAPI statements — runs these steps, in this order, in one transaction, retried as a
/// whole by <see cref="AppendRetry"/> after a lost race:
/// (on a retry: queue behind other writers) → Idempotency-Key replay → the caller's own step (xAPI statements) →
/// ledger rules (<see cref="LedgerLookup"/> + <see cref="BatchRules"/>) → personal-data encryption (<see cref="PreparedChunk"/>)
/// → chain-head lock → storage → chain links → ledger_event_ids → idempotency record → commit.
/// Only the storage step differs (<see cref="IEventStorage"/>: Marten's append or binary COPY), so either all of a
/// batch is stored or none of it, whichever way it came in.
/// </summary>
internal sealed class WritePipeline(IDocumentStore store, LedgerDatabase database, TimeProvider clock)
{
    public Task<AppendOutcome> RunAsync(WriteRequest request, IEventStorage storage, CancellationToken ct) =>
        AppendRetry.RunAsync(attempt => RunOnceAsync(request, storage, retry: attempt > 1, ct), ct,
            ex => request.ExpectedVersion is { } version && AppendRetry.IsVersionConflict(ex)
                ? new AppendOutcome.Conflict("expectedVersion", $"the person's stream is no longer at version {version}: read it again and retry")
                : null);

    private async Task<AppendOutcome> RunOnceAsync(WriteRequest request, IEventStorage storage, bool retry, CancellationToken ct)
    {
        var (context, batch) = (request.Context, request.Events);
        var organisation = context.Organisation;
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (retry) await storage.QueueBehindOtherWritersAsync(conn, organisation, batch, ct);

        if (request.Idempotency is { } key && await IdempotencyRecords.FindAsync(conn, organisation, key, ct) is { } replay)
            return replay;

        var options = Marten.Services.SessionOptions.ForTransaction(tx);
        options.TenantId = organisation;
        await using var session = store.LightweightSession(options);
        session.LastModifiedBy = context.RecordedBy;
        session.CorrelationId = context.CorrelationId;
        if (request.Step is not null)
        {
            var (more, stop) = await request.Step.RunAsync(conn, session, ct);
            if (stop is not null) return stop;
            batch = [.. batch, .. more];
        }

        LedgerLookup lookup;
        using (ImportProfile.Time("lookup (event ids, skills)")) lookup = await LedgerLookup.LoadAsync(session, conn, organisation, batch, ct);
        BatchRules.Outcome checkedBatch;
        using (ImportProfile.Time("ledger rules")) checkedBatch = BatchRules.Check(batch, lookup, clock.GetUtcNow());
        if (checkedBatch.Errors.Count > 0) return new AppendOutcome.Invalid(checkedBatch.Errors);
        var toAppend = checkedBatch.ToAppend;

        // Plaintext personal data never reaches the database: encrypted with each person's key (created on first need).
        var personalData = request.Prepared ?? await PreparedChunk.PrepareAsync(conn, inTransaction: true, organisation, toAppend, storage.Prepare, ct);
        string? erased;
        using (ImportProfile.Time("person keys (settle)")) erased = await personalData.SettleKeysAsync(conn, toAppend, ct);
        if (erased is not null) return Erased(request, batch, erased);

        var stored = toAppend.Count == 0 ? []
            // Grouped by stream in order of first appearance: with the same batch size both storages give the same sequences.
            : await StoreAndChainAsync(conn, session, context, storage, toAppend.GroupBy(StreamKeys.For).SelectMany(g => g).Select(e => personalData[e]).ToList(),
                request.ExpectedVersion, ct);

        var lastSequence = stored.Count > 0
            ? stored.Max(e => e.Sequence)
            : lookup.MaxSequenceOf(checkedBatch.Duplicates) ?? await CurrentSequenceAsync(conn, organisation, ct);
        var streamVersion = request.ExpectedVersion is null ? (long?)null
            : stored.Count > 0 ? stored.Max(e => e.Version) : await StreamVersionAsync(session, batch, ct);
        var result = new AppendOutcome.Appended(stored.Count, checkedBatch.Duplicates.Count, lastSequence,
            checkedBatch.Duplicates, toAppend.Select(e => e.EventId!).ToList(), streamVersion);

        if (request.Idempotency is { } idempotency && request.RenderResponse is { } render)
            await IdempotencyRecords.StoreAsync(conn, organisation, idempotency, new StoredResponse(200, render(result)), clock.GetUtcNow(), ct);
        using (ImportProfile.Time("commit")) await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// The organisation's chain head is locked before any sequence number is taken, by every writer: sequences follow
    /// the chain, and stream versions read after the lock cannot go stale.
    /// </summary>
    private static async Task<List<StoredEvent>> StoreAndChainAsync(NpgsqlConnection conn, IDocumentSession session, AppendContext context,
        IEventStorage storage, List<PreparedEvent> events, long? expectedVersion, CancellationToken ct)
    {
        var organisation = context.Organisation;
        (long Seq, long Count, byte[] Hash) head;
        using (ImportProfile.Time("chain head lock")) head = await Chain.ChainWriter.LockHeadAsync(conn, organisation, ct);
        var stored = await storage.StoreAsync(conn, session, context, events, expectedVersion, ct);

        bool formatted;
        using (ImportProfile.Time("jsonb text sample check"))
            formatted = stored.All(e => e.Chained is not null) && await MartenEventCopy.StoredAsFormattedAsync(conn, organisation, stored, ct);
        if (formatted)
            await Chain.ChainWriter.ExtendWithAsync(conn, organisation, head, stored.Select(e => e.Chained!).ToList(), ct);
        else // Marten wrote (some of) them, or a value JsonbText declined: hash what PostgreSQL stored
            using (ImportProfile.Time("chain from stored rows"))
                await Chain.ChainWriter.ExtendAsync(conn, organisation, head, stored.Select(e => e.Sequence).ToList(), ct);

        using (ImportProfile.Time("COPY ledger_event_ids")) await RecordEventIdsAsync(conn, organisation, stored, ct);
        return stored;
    }

    /// <summary>ledger_event_ids rows by COPY; the primary key rejects an id another writer stored since the rules ran (a retry).</summary>
    private static async Task RecordEventIdsAsync(NpgsqlConnection conn, string organisation, List<StoredEvent> stored, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(
            $"copy {LedgerStoreConfiguration.Schema}.{LedgerTables.EventIds} (tenant_id, event_id, type, stream_key, seq) from stdin (format binary)", ct);
        // Synchronous writes: they only fill Npgsql's buffer, and an await per value would be an async step per value.
        foreach (var e in stored)
        {
            copy.StartRow();
            copy.Write(organisation, NpgsqlDbType.Text);
            copy.Write(e.EventId, NpgsqlDbType.Text);
            copy.Write(e.Type, NpgsqlDbType.Text);
            copy.Write(e.StreamKey, NpgsqlDbType.Text);
            copy.Write(e.Sequence, NpgsqlDbType.Bigint);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>An erased person's key is gone: their personal fields can no longer be stored. Nothing of the batch is.</summary>
    private static AppendOutcome Erased(WriteRequest request, IReadOnlyList<ILedgerEvent> batch, string person)
    {
        const string field = "personId";
        var detail = $"person '{person}' was erased: personal fields (displayName, email, evidence, assessorId) can no longer be stored for them";
        if (!request.ErasureAtTheEvent) return new AppendOutcome.Conflict(field, detail);
        var at = batch.Select((e, i) => (e, i)).First(x => x.e is IPersonEvent p && p.PersonId == person && Privacy.PersonalDataCipher.HasPersonalData(x.e)).i;
        return new AppendOutcome.Invalid([new FieldError(at, $"events[{at}].{field}", detail)]);
    }

    private static async Task<long> StreamVersionAsync(IDocumentSession session, IReadOnlyList<ILedgerEvent> batch, CancellationToken ct) =>
        batch.Count == 0 ? 0 : (await session.Events.FetchStreamStateAsync(StreamKeys.For(batch[0]), ct))?.Version ?? 0;

    private static async Task<long> CurrentSequenceAsync(NpgsqlConnection conn, string organisation, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(OrganisationLogReads.NewestSequence, conn);
        cmd.Parameters.AddWithValue(organisation);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
