using Marten;
using Npgsql;
using NpgsqlTypes;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Ingestion;

/// <summary>
/// Writes person events into Marten's own tables the way a Rich append would — a global sequence from Marten's
/// sequence, the next versions of each stream, streams created or advanced, the event JSON from the store's own
/// serializer, and the same metadata columns (tenant, type alias, .NET type, timestamp, user name, correlation id) —
/// but with one binary COPY per chunk (its statements: <see cref="BulkEventCopy"/>). The caller holds the organisation's chain-head lock (see
/// <see cref="WritePipeline"/>), which is what keeps the stream versions read here from going stale.
/// </summary>
internal sealed class MartenEventCopy(DocumentStore store)
{
    private readonly ISerializer _serializer = store.Options.Serializer();
    private readonly Dictionary<Type, (string Alias, string DotNetType)> _types = [];
    private bool? _superuser;

    /// <summary>
    /// The event's JSON from the store's serializer, turned into the text PostgreSQL prints for it (<see cref="JsonbText"/>):
    /// sent as the jsonb value and hashed by the chain. Thread-safe: the import runs it ahead, on the reading thread.
    /// </summary>
    public PreparedEvent Prepare(ILedgerEvent e)
    {
        // Straight to jsonb's text: the same text as the two steps below, without the JSON in between.
        using (ImportProfile.Time("  of which: jsonb text (direct)"))
            if (JsonbEventText.TryFormat(e, out var direct)) return new PreparedEvent(e, direct, true);
        return PrepareBySerializer(e);
    }

    /// <summary>The serializer's JSON, then formatted as jsonb prints it: for what <see cref="JsonbEventText"/> declines, and the reference it is tested against.</summary>
    public PreparedEvent PrepareBySerializer(ILedgerEvent e)
    {
        string json;
        using (ImportProfile.Time("  of which: serialise")) json = _serializer.ToJson(e);
        using (ImportProfile.Time("  of which: jsonb text"))
            return JsonbText.TryFormat(json, out var text) ? new PreparedEvent(e, text, true) : new PreparedEvent(e, json, false);
    }

    public async Task<List<StoredEvent>> CopyAsync(NpgsqlConnection conn, AppendContext context, List<PreparedEvent> events, CancellationToken ct)
    {
        var organisation = context.Organisation;
        var keys = events.Select(e => StreamKeys.For(e.Event)).ToArray();
        Dictionary<string, long> versions;
        using (ImportProfile.Time("stream versions")) versions = await StreamVersionsAsync(conn, organisation, keys.Distinct().ToArray(), ct);
        long[] sequences; DateTime recordedAt;
        using (ImportProfile.Time("reserve sequences")) (sequences, recordedAt) = await ReserveSequencesAsync(conn, events.Count, ct);

        var eventVersions = new long[events.Count];
        var known = new HashSet<string>(versions.Keys, StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
            versions[keys[i]] = eventVersions[i] = versions.GetValueOrDefault(keys[i]) + 1;
        using (ImportProfile.Time("upsert streams")) await UpsertStreamsAsync(conn, organisation, versions, known, ct);
        var skipStreamCheck = await SkipStreamForeignKeyCheckAsync(conn, true, ct);

        var stored = new List<StoredEvent>(events.Count);
        using var copyStep = ImportProfile.Time("COPY events (all)");
        await using (var copy = await conn.BeginBinaryImportAsync(BulkEventCopy.CopyEvents, ct))
        {
            // Synchronous writes: they only fill Npgsql's buffer (it sends when full, blocking this thread briefly), and
            // an await per column is an async step per value — 220,000 a chunk — for no concurrency gained.
            for (var i = 0; i < events.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var type = TypeOf(events[i].Event);
                var chained = events[i].Formatted
                    ? new Chain.ChainedEvent(sequences[i], keys[i], type.Alias, events[i].Json, recordedAt, context.RecordedBy)
                    : null;
                stored.Add(new StoredEvent(events[i].Event.EventId!, type.Alias, keys[i], eventVersions[i], sequences[i], chained));
                copy.StartRow();
                copy.Write(sequences[i], NpgsqlDbType.Bigint);
                copy.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                copy.Write(keys[i], NpgsqlDbType.Varchar);
                copy.Write(eventVersions[i], NpgsqlDbType.Bigint);
                copy.Write(events[i].Json, NpgsqlDbType.Jsonb); // jsonb's own text: the same value, and what the chain hashes
                copy.Write(type.Alias, NpgsqlDbType.Varchar);
                copy.Write(recordedAt, NpgsqlDbType.TimestampTz);
                copy.Write(organisation, NpgsqlDbType.Varchar);
                copy.Write(type.DotNetType, NpgsqlDbType.Varchar);
                copy.Write(context.CorrelationId, NpgsqlDbType.Varchar);
                copy.Write(context.RecordedBy, NpgsqlDbType.Varchar);
            }
            using (ImportProfile.Time("COPY events complete")) await copy.CompleteAsync(ct);
        }
        if (skipStreamCheck) await SkipStreamForeignKeyCheckAsync(conn, false, ct);
        return stored;
    }

    /// <summary>
    /// The events table's foreign key to the streams table costs a lookup and a row lock per copied event (a large share of the
    /// server's time for this COPY: docs/performance.md, "Figures behind choices in the code"). It is redundant here: every stream of the run was inserted or updated
    /// by <see cref="UpsertStreamsAsync"/> just before, in this transaction, so those rows exist and are locked by
    /// it until commit. With the right to (a superuser: the embedded database's owner), the COPY runs with
    /// session_replication_role = replica, which skips foreign-key triggers — for this one statement only (set local,
    /// switched back right after, and undone by a rollback). Without that right the check runs as usual.
    /// </summary>
    private async Task<bool> SkipStreamForeignKeyCheckAsync(NpgsqlConnection conn, bool skip, CancellationToken ct)
    {
        if (skip)
        {
            _superuser ??= await IsSuperuserAsync(conn, ct);
            if (_superuser != true) return false;
        }
        await using var cmd = new NpgsqlCommand($"set local session_replication_role = {(skip ? "replica" : "origin")}", conn);
        await cmd.ExecuteNonQueryAsync(ct);
        return skip;
    }

    private static async Task<bool> IsSuperuserAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select current_setting('is_superuser') = 'on'", conn);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// A cheap guard on <see cref="JsonbText"/>: the first and last copied rows read back must print exactly as formatted,
    /// or the chunk is chained from what PostgreSQL stored (a systematic difference would otherwise show up only at verify).
    /// </summary>
    public static async Task<bool> StoredAsFormattedAsync(NpgsqlConnection conn, string organisation, List<StoredEvent> stored, CancellationToken ct)
    {
        var samples = new[] { stored[0], stored[^1] };
        await using var cmd = new NpgsqlCommand(BulkEventCopy.StoredText, conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(samples.Select(e => e.Sequence).ToArray());
        var found = 0;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var sample = samples.First(e => e.Sequence == r.GetInt64(0));
            if (sample.Chained!.DataJson != r.GetString(1)) return false;
            found++;
        }
        return found > 0;
    }

    /// <summary>The event type alias and .NET type name exactly as Marten records them.</summary>
    private (string Alias, string DotNetType) TypeOf(ILedgerEvent e)
    {
        var type = e.GetType();
        if (_types.TryGetValue(type, out var known)) return known;
        var mapping = store.Events.EventMappingFor(type);
        return _types[type] = (mapping.EventTypeName, mapping.DotNetTypeName);
    }

    private static async Task<Dictionary<string, long>> StreamVersionsAsync(NpgsqlConnection conn, string organisation, string[] keys, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(BulkEventCopy.StreamVersions, conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(keys);
        var versions = new Dictionary<string, long>(keys.Length, StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) versions[r.GetString(0)] = r.IsDBNull(1) ? 0 : r.GetInt64(1);
        return versions;
    }

    /// <summary>
    /// A block of numbers from Marten's own sequence (so later Marten appends continue after them) and one recordedAt
    /// for the chunk, the server's clock as Marten's own appends use.
    /// </summary>
    private static async Task<(long[] Sequences, DateTime RecordedAt)> ReserveSequencesAsync(NpgsqlConnection conn, int count, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(BulkEventCopy.ReserveSequences, conn);
        cmd.Parameters.AddWithValue(count);
        var sequences = new long[count];
        DateTime recordedAt = default;
        var i = 0;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                sequences[i] = r.GetInt64(0);
                if (i++ == 0) recordedAt = r.GetDateTime(1);
            }
        Array.Sort(sequences); // nextval in a set is not guaranteed to come back in order
        return (sequences, recordedAt);
    }

    private static async Task UpsertStreamsAsync(NpgsqlConnection conn, string organisation, Dictionary<string, long> versions,
        HashSet<string> existing, CancellationToken ct)
    {
        // New streams as Marten creates them for string keys without an aggregate type: type null, timestamps now().
        var fresh = versions.Keys.Where(k => !existing.Contains(k)).ToArray();
        if (fresh.Length > 0)
        {
            await using var insert = new NpgsqlCommand(BulkEventCopy.InsertStreams, conn);
            insert.Parameters.AddWithValue(organisation);
            insert.Parameters.AddWithValue(fresh);
            insert.Parameters.AddWithValue(fresh.Select(k => versions[k]).ToArray());
            await insert.ExecuteNonQueryAsync(ct);
        }
        var advanced = versions.Keys.Where(existing.Contains).ToArray();
        if (advanced.Length > 0)
        {
            await using var update = new NpgsqlCommand(BulkEventCopy.AdvanceStreams, conn);
            update.Parameters.AddWithValue(organisation);
            update.Parameters.AddWithValue(advanced);
            update.Parameters.AddWithValue(advanced.Select(k => versions[k]).ToArray());
            await update.ExecuteNonQueryAsync(ct);
        }
    }
}
