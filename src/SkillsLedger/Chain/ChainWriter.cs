using Npgsql;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Chain;

/// <summary>
/// Extends an organisation's chain inside the append transaction. <see cref="LockHeadAsync"/> must run before Marten
/// allocates sequence numbers: holding the head's row lock makes appends of one organisation take their sequences in
/// the order they are chained, so the chain follows the log.
/// </summary>
public static class ChainWriter
{
    private static readonly string Schema = LedgerStoreConfiguration.Schema;

    public static async Task<(long Seq, long Count, byte[] Hash)> LockHeadAsync(NpgsqlConnection conn, string organisation, CancellationToken ct)
    {
        await using (var insert = new NpgsqlCommand(
            $"insert into {Schema}.{LedgerTables.ChainHead} (tenant_id, seq, count, hash) values ($1, 0, 0, $2) on conflict do nothing", conn))
        {
            insert.Parameters.AddWithValue(organisation);
            insert.Parameters.AddWithValue(HashChain.Genesis);
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using var select = new NpgsqlCommand(
            $"select seq, count, hash from {Schema}.{LedgerTables.ChainHead} where tenant_id = $1 for update", conn);
        select.Parameters.AddWithValue(organisation);
        await using var r = await select.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt64(0), r.GetInt64(1), r.GetFieldValue<byte[]>(2));
    }

    public static async Task ExtendAsync(NpgsqlConnection conn, string organisation, (long Seq, long Count, byte[] Hash) head,
        IReadOnlyCollection<long> sequences, CancellationToken ct)
    {
        if (sequences.Count == 0) return;
        await ExtendWithAsync(conn, organisation, head, await ChainReader.ReadAsync(conn, organisation, sequences.ToArray(), ct), ct);
    }

    /// <summary>
    /// Extends the chain with events whose stored form the caller already knows exactly (in sequence order): the bulk
    /// import formats the jsonb text itself (`Ingestion/JsonbText.cs`) rather than reading every row back.
    /// </summary>
    public static async Task ExtendWithAsync(NpgsqlConnection conn, string organisation, (long Seq, long Count, byte[] Hash) head,
        IReadOnlyList<ChainedEvent> events, CancellationToken ct)
    {
        if (events.Count == 0) return;
        var hash = head.Hash;
        var seqs = new long[events.Count];
        var hashes = new byte[events.Count][];
        using (ImportProfile.Time("chain hashing (client)"))
            for (var i = 0; i < events.Count; i++)
            {
                hash = HashChain.Next(hash, events[i]);
                seqs[i] = events[i].Sequence;
                hashes[i] = hash;
            }
        using var insertStep = ImportProfile.Time("insert ledger_chain + head");
        await using (var links = new NpgsqlCommand(
            $"insert into {Schema}.{LedgerTables.Chain} (tenant_id, seq, hash) select $1, * from unnest($2::bigint[], $3::bytea[])", conn))
        {
            links.Parameters.AddWithValue(organisation);
            links.Parameters.AddWithValue(seqs);
            links.Parameters.AddWithValue(hashes);
            await links.ExecuteNonQueryAsync(ct);
        }
        await using var update = new NpgsqlCommand(
            $"update {Schema}.{LedgerTables.ChainHead} set seq = $2, count = count + $3, hash = $4 where tenant_id = $1", conn);
        update.Parameters.AddWithValue(organisation);
        update.Parameters.AddWithValue(seqs[^1]);
        update.Parameters.AddWithValue((long)events.Count);
        update.Parameters.AddWithValue(hash);
        await update.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>Reads events in the exact form the chain hashes (jsonb text as PostgreSQL prints it: <see cref="ChainReads"/>).</summary>
public static class ChainReader
{
    public static async Task<List<ChainedEvent>> ReadAsync(NpgsqlConnection conn, string organisation, long[] sequences, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(ChainReads.BySequence, conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(sequences);
        var list = new List<ChainedEvent>(sequences.Length);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(Read(r, 0));
        return list;
    }

    /// <summary>One event from the columns of <see cref="ChainReads"/>' statements, starting at <paramref name="offset"/>.</summary>
    public static ChainedEvent Read(NpgsqlDataReader r, int offset) => new(
        r.GetInt64(offset), r.GetString(offset + 1), r.GetString(offset + 2), r.GetString(offset + 3),
        r.GetDateTime(offset + 4).ToUniversalTime(), r.IsDBNull(offset + 5) ? null : r.GetString(offset + 5));
}
