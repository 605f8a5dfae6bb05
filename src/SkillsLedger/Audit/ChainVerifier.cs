using SkillsLedger.Chain;
using Npgsql;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Audit;

public sealed record ChainHead(string Organisation, long Events, long LastSequence, string Head);

/// <summary>The outcome of re-walking a chain: ok with the head, or the first sequence that breaks and why.</summary>
public sealed record VerificationResult(bool Ok, string Organisation, long Events, string? Head, long? BrokenAt, string? Reason);

/// <summary>
/// Re-walks an organisation's event log in sequence order, recomputing every hash from the stored rows, and
/// compares each with its chain link and the final one with the recorded head. A changed event breaks at its own
/// sequence; a deleted one where it is missing; swapped contents at the first of the pair; events removed from the end
/// show as a head that no longer matches.
/// </summary>
public static class ChainVerifier
{
    private static readonly string Schema = LedgerStoreConfiguration.Schema;

    public static async Task<VerificationResult> VerifyAsync(NpgsqlDataSource dataSource, string organisation, Action<long>? progress, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct); // one consistent snapshot
        var head = await HeadAsync(conn, organisation, ct);
        await using var cmd = new NpgsqlCommand($"""
            select coalesce(e.seq_id, c.seq), e.seq_id is not null, c.seq is not null,
                   e.seq_id, e.stream_id, e.type, e.data, e.timestamp, e.user_name, c.hash
              from ({ChainReads.Log}) e
              full outer join (select * from {Schema}.{LedgerTables.Chain} where tenant_id = $1) c on c.seq = e.seq_id
             order by 1
            """, conn, tx);
        cmd.Parameters.AddWithValue(organisation);
        var hash = HashChain.Genesis;
        long events = 0;
        var statements = new StatementChecks();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var seq = r.GetInt64(0);
                if (!r.GetBoolean(1))
                    return Broken(organisation, events, seq, $"event {seq} is in the chain but not in the log: it was deleted");
                if (!r.GetBoolean(2))
                    return Broken(organisation, events, seq, $"event {seq} is in the log but has no chain link: it was added outside the ledger");
                var e = ChainReader.Read(r, 3);
                hash = HashChain.Next(hash, e);
                if (e.Type == StatementChecks.EventType) statements.Record(seq, e.DataJson);
                if (!hash.AsSpan().SequenceEqual(r.GetFieldValue<byte[]>(9)))
                    return Broken(organisation, events, seq, $"event {seq} does not match its chain link: its content, time, author or position changed");
                events++;
                if (events % 10_000 == 0) progress?.Invoke(events);
            }
        }
        var empty = head is null && events == 0;
        if (!empty && (head is null || head.Value.Count != events || !head.Value.Hash.AsSpan().SequenceEqual(hash)))
            return Broken(organisation, events, head?.Seq, $"the chain head records {head?.Count ?? 0} events but the log has {events}: events were removed from the end or the head was altered");
        if (await statements.CheckAsync(conn, tx, organisation, ct) is { } bad) return Broken(organisation, events, bad.At, bad.Reason);
        return new VerificationResult(true, organisation, events, HashChain.Hex(hash), null, null);
    }

    public static async Task<ChainHead> HeadAsync(NpgsqlDataSource dataSource, string organisation, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var head = await HeadAsync(conn, organisation, ct);
        return new ChainHead(organisation, head?.Count ?? 0, head?.Seq ?? 0, HashChain.Hex(head?.Hash ?? HashChain.Genesis));
    }

    private static async Task<(long Seq, long Count, byte[] Hash)?> HeadAsync(NpgsqlConnection conn, string organisation, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select seq, count, hash from {Schema}.{LedgerTables.ChainHead} where tenant_id = $1", conn);
        cmd.Parameters.AddWithValue(organisation);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetInt64(0), r.GetInt64(1), r.GetFieldValue<byte[]>(2)) : null;
    }

    private static VerificationResult Broken(string organisation, long events, long? at, string reason) =>
        new(false, organisation, events, null, at, reason);
}
