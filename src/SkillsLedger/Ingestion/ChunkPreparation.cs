using System.Security.Cryptography;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;
using SkillsLedger.Privacy;

namespace SkillsLedger.Ingestion;

/// <summary>One event ready to store: personal fields encrypted, and its JSON when the storage needs it ahead (jsonb's own text when <see cref="Formatted"/>).</summary>
public sealed record PreparedEvent(ILedgerEvent Event, string Json, bool Formatted);

/// <summary>
/// The personal-data step of <see cref="WritePipeline"/>, for every writer: encrypting personal fields with each
/// person's key and serialising each event as the storage step wants it (<see cref="IEventStorage.Prepare"/>). This work
/// needs no lock and no sequence number: the bulk import does it on the reading thread for the next chunk while the
/// current one is stored, so this CPU work overlaps PostgreSQL's work; other writers do it inside their transaction.
/// </summary>
/// <remarks>
/// Keys are read first (ahead: outside the chunk's transaction); a person without one gets a new random key here. The
/// pipeline settles this inside its transaction (<see cref="SettleKeysAsync"/>): it inserts the new keys (on conflict
/// nothing), reads every key back, and re-encrypts a person whose stored key differs (another writer created it first);
/// a null key (erased meanwhile) stops the batch. A person's key never changes except to null, so an event encrypted
/// under the key read back is what any writer would store.
/// </remarks>
public sealed class PreparedChunk
{
    private readonly Dictionary<ILedgerEvent, PreparedEvent> _events = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, byte[]?> _keys;
    private readonly HashSet<string> _newKeys;
    private readonly Func<ILedgerEvent, PreparedEvent> _serialise;
    private readonly string _organisation;
    private readonly bool _readInTransaction;

    private PreparedChunk(string organisation, Dictionary<string, byte[]?> keys, HashSet<string> newKeys, Func<ILedgerEvent, PreparedEvent> serialise,
        bool readInTransaction)
    {
        _organisation = organisation;
        _readInTransaction = readInTransaction;
        _keys = keys;
        _newKeys = newKeys;
        _serialise = serialise;
    }

    /// <summary>Ahead of the chunk's transaction, on a connection of its own (the import's reading thread), given back before the CPU work.</summary>
    public static async Task<PreparedChunk> PrepareAsync(LedgerDatabase database, string organisation, IReadOnlyList<ILedgerEvent> chunk,
        Func<ILedgerEvent, PreparedEvent> serialise, CancellationToken ct)
    {
        (List<string> People, Dictionary<string, byte[]?> Keys) read;
        await using (var conn = await database.DataSource.OpenConnectionAsync(ct))
            read = await ReadKeysAsync(conn, organisation, chunk, ct);
        return Encrypted(organisation, chunk, read, serialise, readInTransaction: false);
    }

    /// <param name="inTransaction">True when <paramref name="conn"/> holds the transaction that will store the events (a write that prepares nothing ahead).</param>
    public static async Task<PreparedChunk> PrepareAsync(Npgsql.NpgsqlConnection conn, bool inTransaction, string organisation,
        IReadOnlyList<ILedgerEvent> chunk, Func<ILedgerEvent, PreparedEvent> serialise, CancellationToken ct) =>
        Encrypted(organisation, chunk, await ReadKeysAsync(conn, organisation, chunk, ct), serialise, inTransaction);

    private static async Task<(List<string> People, Dictionary<string, byte[]?> Keys)> ReadKeysAsync(Npgsql.NpgsqlConnection conn, string organisation,
        IReadOnlyList<ILedgerEvent> chunk, CancellationToken ct)
    {
        var people = chunk.Where(PersonalDataCipher.HasPersonalData).OfType<IPersonEvent>().Select(e => e.PersonId).Distinct().ToList();
        using (ImportProfile.Time("prepare: read person keys")) return (people, await PersonKeys.LoadAsync(conn, organisation, people, ct));
    }

    private static PreparedChunk Encrypted(string organisation, IReadOnlyList<ILedgerEvent> chunk, (List<string> People, Dictionary<string, byte[]?> Keys) read,
        Func<ILedgerEvent, PreparedEvent> serialise, bool readInTransaction)
    {
        var (people, keys) = read;
        var newKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in people)
            if (!keys.ContainsKey(p) && newKeys.Add(p)) keys[p] = RandomNumberGenerator.GetBytes(32);

        var prepared = new PreparedChunk(organisation, keys, newKeys, serialise, readInTransaction);
        using (ImportProfile.Time("prepare: encrypt + serialise"))
            prepared.Encrypt(chunk);
        return prepared;
    }

    /// <summary>The prepared form of an event of the chunk (catalogue events are not serialised: Marten appends them).</summary>
    public PreparedEvent this[ILedgerEvent e] => _events[e];

    /// <summary>
    /// Inside the chunk's transaction: stores the keys this preparation created (for the people whose events are to be
    /// appended), reads the keys back and re-encrypts where another writer's key won. Returns an erased person, if any.
    /// </summary>
    public async Task<string?> SettleKeysAsync(Npgsql.NpgsqlConnection conn, IReadOnlyList<ILedgerEvent> toAppend, CancellationToken ct)
    {
        var people = toAppend.Where(PersonalDataCipher.HasPersonalData).OfType<IPersonEvent>().Select(e => e.PersonId).Distinct().ToList();
        if (people.Count == 0) return null;
        var fresh = people.Where(_newKeys.Contains).ToArray();
        if (fresh.Length > 0)
        {
            await using var insert = new Npgsql.NpgsqlCommand(
                $"insert into {LedgerStoreConfiguration.Schema}.{LedgerTables.PersonKeys} (tenant_id, person_id, key, created_at) " +
                "select $1, p, k, now() from unnest($2::text[], $3::bytea[]) as x(p, k) on conflict do nothing", conn);
            insert.Parameters.AddWithValue(_organisation);
            insert.Parameters.AddWithValue(fresh);
            insert.Parameters.AddWithValue(fresh.Select(p => _keys[p]!).ToArray());
            await insert.ExecuteNonQueryAsync(ct);
        }
        // Read in this very transaction and nothing inserted: the keys read are the stored ones (an erasure committed
        // since then leaves the events under a destroyed key, as one committed just after this transaction would).
        var stored = fresh.Length == 0 && _readInTransaction ? _keys : await PersonKeys.LoadAsync(conn, _organisation, people, ct);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in people)
        {
            var key = stored.GetValueOrDefault(p);
            if (key is null) return p; // erased (or, impossibly, missing after the insert)
            if (_keys[p] is not { } used || !used.AsSpan().SequenceEqual(key))
            {
                _keys[p] = key;
                changed.Add(p);
            }
        }
        if (changed.Count > 0)
            Encrypt(toAppend.Where(e => e is IPersonEvent p && changed.Contains(p.PersonId)).ToList());
        return null;
    }

    private void Encrypt(IReadOnlyList<ILedgerEvent> events)
    {
        var ciphers = new Dictionary<string, AesGcm>(StringComparer.Ordinal);
        try
        {
            foreach (var e in events)
            {
                if (e is ICatalogueEvent) { _events[e] = new PreparedEvent(e, "", false); continue; }
                var data = e;
                // An erased person's events stay plaintext here; they are never stored (SettleKeysAsync stops the chunk).
                if (PersonalDataCipher.HasPersonalData(e) && e is IPersonEvent p && _keys.GetValueOrDefault(p.PersonId) is { } key)
                    data = PersonalDataCipher.Protect(e, _organisation,
                        ciphers.TryGetValue(p.PersonId, out var c) ? c : ciphers[p.PersonId] = new AesGcm(key, 16));
                _events[e] = _serialise(data);
            }
        }
        finally
        {
            foreach (var c in ciphers.Values) c.Dispose();
        }
    }
}
