namespace SkillsLedger.Projections.EventStore;

/// <summary>
/// Events in the exact form the per-organisation hash chain hashes (<c>Chain.HashChain</c>): sequence, stream, type,
/// the jsonb data as PostgreSQL prints it, recorded time, user name — in that column order (<c>Chain.ChainReader.Read</c>).
/// Raw SQL because the chain hashes PostgreSQL's own text of the stored jsonb (<c>data::text</c>), which Marten's API
/// never shows: it deserialises the data into the event's type.
/// </summary>
public static class ChainReads
{
    /// <summary>The events of organisation $1 with sequence numbers in $2 (bigint[]), in sequence order: the ones an append just stored.</summary>
    public static readonly string BySequence =
        $"select seq_id, stream_id, type, data::text, timestamp, user_name from {MartenTables.Events} where tenant_id = $1 and seq_id = any($2) order by seq_id";

    /// <summary>
    /// Every event of organisation $1 but Marten's tombstones (placeholders for sequence numbers of failed appends, not
    /// ledger facts), unordered: the verifier joins it with the chain's links by sequence and walks the result in order.
    /// </summary>
    public static readonly string Log =
        $"select seq_id, stream_id, type, data::text as data, timestamp, user_name from {MartenTables.Events} where tenant_id = $1 and type <> 'tombstone'";
}
