using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Marten.Services;
using Npgsql;
using NpgsqlTypes;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.Validation;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Ingestion;

/// <summary>
/// The one write path into the ledger (HTTP, import and demo all use it). A batch is validated against the
/// ledger's state and appended in one transaction together with its event ids (and idempotency record), so
/// either all of it is stored or none of it is.
/// </summary>
public sealed class LedgerAppender(IDocumentStore store, LedgerDatabase database, TimeProvider clock)
{
    private static readonly string Schema = LedgerStoreConfiguration.Schema;

    /// <summary>What an idempotent request found: a stored response to replay, or a key reused with another body.</summary>
    public sealed record Replay(StoredResponse Response) : AppendOutcome;

    /// <param name="expectedVersion">For one person's stream: the version the caller last saw (0 = new stream).</param>
    /// <param name="renderResponse">Builds the JSON body stored for an Idempotency-Key replay.</param>
    public async Task<AppendOutcome> AppendAsync(IReadOnlyList<ILedgerEvent> events, AppendContext context,
        long? expectedVersion = null, IdempotencyRequest? idempotency = null,
        Func<AppendOutcome.Appended, string>? renderResponse = null, CancellationToken ct = default, IAppendStep? step = null)
    {
        // Server-assigned ids make every event addressable (retractions, lineage) even when the client sent none.
        var batch = events.Select(e => e.EventId is null ? e.WithEventId(Guid.CreateVersion7().ToString()) : e).ToList();
        // After a lost race the streams are locked first, so a hot stream queues instead of racing again.
        return await AppendRetry.RunAsync(
            attempt => TryAppendAsync(batch, context, expectedVersion, idempotency, renderResponse, step, lockStreams: attempt > 1, ct), ct,
            ex => IsVersionConflict(ex) && expectedVersion is not null
                ? new AppendOutcome.Conflict("expectedVersion", $"the person's stream is no longer at version {expectedVersion}: read it again and retry")
                : null);
    }

    private async Task<AppendOutcome> TryAppendAsync(List<ILedgerEvent> batch, AppendContext context, long? expectedVersion,
        IdempotencyRequest? idempotency, Func<AppendOutcome.Appended, string>? renderResponse, IAppendStep? step, bool lockStreams, CancellationToken ct)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (lockStreams) await LockStreamsAsync(conn, context.Organisation, batch, ct);

        if (idempotency is not null && await FindStoredResponseAsync(conn, context.Organisation, idempotency, ct) is { } replay)
            return replay;

        var options = Marten.Services.SessionOptions.ForTransaction(tx);
        options.TenantId = context.Organisation;
        await using var session = store.LightweightSession(options);
        session.LastModifiedBy = context.RecordedBy;
        session.CorrelationId = context.CorrelationId;
        if (step is not null)
        {
            var (more, stop) = await step.RunAsync(conn, session, ct);
            if (stop is not null) return stop;
            batch = [.. batch, .. more];
        }

        var lookup = await LedgerLookup.LoadAsync(session, conn, context.Organisation, batch, ct);
        var checkedBatch = BatchRules.Check(batch, lookup, clock.GetUtcNow());
        if (checkedBatch.Errors.Count > 0) return new AppendOutcome.Invalid(checkedBatch.Errors);

        var (toStore, erased) = await ProtectPersonalDataAsync(conn, context.Organisation, checkedBatch.ToAppend, ct);
        if (erased is not null) return ErasedConflict(erased);

        var appended = new List<IEvent>();
        foreach (var stream in toStore.GroupBy(StreamKeys.For))
        {
            var data = stream.Cast<object>().ToArray();
            var action = expectedVersion switch
            {
                null => session.Events.Append(stream.Key, data),
                0 => session.Events.StartStream(stream.Key, data),
                { } v => session.Events.Append(stream.Key, v + data.Length, data),
            };
            appended.AddRange(action.Events);
        }
        if (appended.Count > 0)
        {
            // Lock the organisation's chain head before Marten takes sequence numbers, so the chain follows the log.
            var head = await Audit.ChainWriter.LockHeadAsync(conn, context.Organisation, ct);
            await session.SaveChangesAsync(ct);
            await Audit.ChainWriter.ExtendAsync(conn, context.Organisation, head, appended.Select(e => e.Sequence).ToList(), ct);
        }
        await RecordEventIdsAsync(conn, context.Organisation, appended, ct);

        var lastSequence = appended.Count > 0
            ? appended.Max(e => e.Sequence)
            : lookup.MaxSequenceOf(checkedBatch.Duplicates) ?? await CurrentSequenceAsync(conn, context.Organisation, ct);
        var streamVersion = expectedVersion is null ? (long?)null
            : appended.Count > 0 ? appended.Max(e => e.Version) : await StreamVersionAsync(session, batch, ct);
        var result = new AppendOutcome.Appended(appended.Count, checkedBatch.Duplicates.Count, lastSequence,
            checkedBatch.Duplicates, checkedBatch.ToAppend.Select(e => e.EventId!).ToList(), streamVersion);

        if (idempotency is not null && renderResponse is not null)
            await StoreResponseAsync(conn, context.Organisation, idempotency, new StoredResponse(200, renderResponse(result)), ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Encrypts personal fields with each person's key (created on first need, in this transaction) before they are
    /// stored: plaintext personal data never reaches the database. Returns the person whose key was destroyed, if any.
    /// </summary>
    internal static async Task<(IReadOnlyList<ILedgerEvent> Events, string? ErasedPerson)> ProtectPersonalDataAsync(
        NpgsqlConnection conn, string organisation, IReadOnlyList<ILedgerEvent> events, CancellationToken ct)
    {
        var people = events.Where(Privacy.PersonalDataCipher.HasPersonalData).OfType<IPersonEvent>().Select(e => e.PersonId).ToList();
        if (people.Count == 0) return (events, null);
        var keys = await Privacy.PersonKeys.GetOrCreateAsync(conn, organisation, people, ct);
        if (keys.FirstOrDefault(k => k.Value is null) is { Key: { } erased }) return (events, erased);
        var ciphers = new Dictionary<string, System.Security.Cryptography.AesGcm>(StringComparer.Ordinal);
        try
        {
            return (events.Select(e => Privacy.PersonalDataCipher.HasPersonalData(e) && e is IPersonEvent p
                ? Privacy.PersonalDataCipher.Protect(e, organisation, ciphers.TryGetValue(p.PersonId, out var c) ? c
                    : ciphers[p.PersonId] = new System.Security.Cryptography.AesGcm(keys[p.PersonId]!, 16))
                : e).ToList(), null);
        }
        finally
        {
            foreach (var c in ciphers.Values) c.Dispose();
        }
    }

    internal static AppendOutcome.Conflict ErasedConflict(string person) =>
        new("personId", $"person '{person}' was erased: personal fields (displayName, email, evidence, assessorId) can no longer be stored for them");

    /// <summary>
    /// After a lost race, queue behind other writers of the same streams instead of racing again: Rich appends
    /// read the stream version before writing, so hot streams (one busy person) would otherwise keep colliding.
    /// Transaction-scoped advisory locks, taken in key order so two batches cannot deadlock.
    /// </summary>
    private static async Task LockStreamsAsync(NpgsqlConnection conn, string organisation, List<ILedgerEvent> batch, CancellationToken ct)
    {
        var keys = batch.Select(StreamKeys.For).Distinct().Order(StringComparer.Ordinal).ToArray();
        await using var cmd = new NpgsqlCommand(
            "select count(pg_advisory_xact_lock(hashtextextended($1 || '/' || k, 0))) from (select unnest($2::text[]) k order by 1) s", conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(keys);
        await cmd.ExecuteScalarAsync(ct);
    }

    private static async Task RecordEventIdsAsync(NpgsqlConnection conn, string organisation, List<IEvent> appended, CancellationToken ct)
    {
        if (appended.Count == 0) return;
        await using var cmd = new NpgsqlCommand(
            $"insert into {Schema}.{LedgerTables.EventIds} (tenant_id, event_id, type, stream_key, seq) " +
            "select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::bigint[])", conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(appended.Select(e => ((ILedgerEvent)e.Data).EventId!).ToArray());
        cmd.Parameters.AddWithValue(appended.Select(e => e.EventTypeName).ToArray());
        cmd.Parameters.AddWithValue(appended.Select(e => e.StreamKey!).ToArray());
        cmd.Parameters.AddWithValue(appended.Select(e => e.Sequence).ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> StreamVersionAsync(IDocumentSession session, List<ILedgerEvent> batch, CancellationToken ct) =>
        batch.Count == 0 ? 0 : (await session.Events.FetchStreamStateAsync(StreamKeys.For(batch[0]), ct))?.Version ?? 0;

    private static async Task<long> CurrentSequenceAsync(NpgsqlConnection conn, string organisation, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {MartenTables.Events} where tenant_id = $1", conn);
        cmd.Parameters.AddWithValue(organisation);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task<AppendOutcome?> FindStoredResponseAsync(NpgsqlConnection conn, string organisation, IdempotencyRequest request, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select request_hash, status, response from {Schema}.{LedgerTables.Idempotency} where tenant_id = $1 and key = $2", conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(request.Key);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        if (reader.GetString(0) != request.RequestHash)
            return new AppendOutcome.Conflict("Idempotency-Key", "this key was already used with a different request body");
        return new Replay(new StoredResponse(reader.GetInt32(1), reader.GetString(2)));
    }

    private async Task StoreResponseAsync(NpgsqlConnection conn, string organisation, IdempotencyRequest request, StoredResponse response, CancellationToken ct)
    {
        // A concurrent request with the same key makes this insert fail on the primary key: the retry replays its response.
        await using var cmd = new NpgsqlCommand(
            $"insert into {Schema}.{LedgerTables.Idempotency} (tenant_id, key, request_hash, status, response, created_at) values ($1, $2, $3, $4, $5, $6)", conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(request.Key);
        cmd.Parameters.AddWithValue(request.RequestHash);
        cmd.Parameters.AddWithValue(response.Status);
        cmd.Parameters.AddWithValue(response.Json);
        cmd.Parameters.AddWithValue(clock.GetUtcNow());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static bool IsVersionConflict(Exception ex) => Chain(ex).Any(e =>
        e is EventStreamUnexpectedMaxEventIdException or JasperFx.Events.ExistingStreamIdCollisionException
            or Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.ConcurrencyException);

    internal static bool IsUniqueViolation(Exception ex) => Chain(ex).Any(e =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected });

    private static IEnumerable<Exception> Chain(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException) yield return ex;
    }
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
