using Npgsql;
using SkillsLedger.Projections.Analytics;

namespace SkillsLedger.Projections.EventStore;

/// <summary>The analytics projection's row: the last event it applied and when the row was last written (a rebuild rewrites it).</summary>
public readonly record struct AnalyticsPosition(long Sequence, DateTimeOffset Updated);

/// <summary>How far the ledger and its analytics projection are at one moment.</summary>
/// <param name="NewestSequence">The newest event's sequence number (0 on an empty ledger): any append anywhere moves it.</param>
/// <param name="NewestRecorded">When the newest events were recorded, over the last 1,000 sequences (concurrent appends
/// may record out of sequence order); <see cref="DateTimeOffset.MinValue"/> on an empty ledger.</param>
/// <param name="Analytics">The analytics projection's position; null until the projection has a row.</param>
public readonly record struct LedgerState(long NewestSequence, DateTimeOffset NewestRecorded, AnalyticsPosition? Analytics);

/// <summary>
/// The one reader of positions: the log's newest sequence and the analytics projection's position (its row in Marten's
/// progression table), for what is kept per ledger state (<c>Infrastructure.FigureCache</c> keys figures by
/// <see cref="NowAsync"/>, <c>Roi.RoiDataCache</c> reuses loaded ROI data while <see cref="AnalyticsAsync"/> has not
/// moved), the projection status, the CLI's catch-up and rebuild; and the statements of the two other position
/// readers, the feed's ceiling and the rebuild's cut. The analytics tables change only in the transaction that moves
/// the projection's row, or by `rebuild analytics`, which rewrites it.
/// Raw SQL rather than Marten's API: <c>AllProjectionProgress</c> gives the same row, but not inside a caller's
/// transaction, which the ROI data's snapshot needs, nor with the newest event in the same round trip, which the figure
/// cache's stamp needs; <c>FetchMaxEventSequenceAsync</c> is <see cref="NewestSequence"/>'s statement, but only on the
/// concrete <c>MartenDatabase</c>, on a connection of its own, after checking the event store's schema.
/// </summary>
public static class LedgerProgress
{
    /// <summary>A projection's position ($1: its shard name): last_seq_id, last_updated; no row before it has run.</summary>
    public static readonly string ProjectionPosition = $"select last_seq_id, last_updated from {MartenTables.Progression} where name = $1";

    /// <summary>The newest event's sequence number (0 on an empty ledger).</summary>
    public static readonly string NewestSequence = $"select coalesce(max(seq_id), 0) from {MartenTables.Events}";

    /// <summary>The projection $1's position (null columns without a row), the newest sequence and when the newest events were recorded.</summary>
    public static readonly string Now =
        $"""
         with top as (select coalesce(max(seq_id), 0) as seq from {MartenTables.Events})
         select p.last_seq_id, p.last_updated, top.seq,
                (select max(e.timestamp) from {MartenTables.Events} e where e.seq_id > top.seq - 1000)
           from top left join ({ProjectionPosition}) p on true
         """;

    /// <summary>
    /// The last sequence number handed out (appends may not have committed it yet) and the server's clock at that moment:
    /// the analytics rebuild's cut (<c>ProjectionOps.AnalyticsFullRebuild</c>), which then waits for every transaction
    /// older than that clock. Marten's <c>FetchHighestEventSequenceNumber</c> reads the same sequence, but on a
    /// connection of its own, without telling a fresh sequence (nothing handed out) from one at 1, and without the clock.
    /// </summary>
    public static readonly string LastHandedOut =
        $"select case when is_called then last_value else last_value - 1 end, clock_timestamp() from {MartenTables.EventSequence}";

    /// <summary>
    /// The feed's look-ahead (<c>History.SafeFeedCeiling</c>): up to $2 sequence numbers after $1 in order, each with
    /// whether it was recorded less than $3 (an interval) ago — a hole before a young event may still fill. Only the
    /// two columns, from the sequence's index: Marten's <c>QueryAllRawEvents</c> would load every event's data.
    /// </summary>
    public static readonly string AfterWithAge =
        $"select seq_id, timestamp > now() - $3::interval from {MartenTables.Events} where seq_id > $1 order by seq_id limit $2";

    /// <summary>The analytics projection's position, in <paramref name="tx"/>'s snapshot when given; null before it has a row.</summary>
    public static async Task<AnalyticsPosition?> AnalyticsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(ProjectionPosition, conn, tx);
        cmd.Parameters.AddWithValue(AnalyticsProjection.ShardIdentity);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    /// <summary>The newest event, when it was recorded and the analytics projection's position, in one round trip.</summary>
    public static async Task<LedgerState> NowAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Now, conn);
        cmd.Parameters.AddWithValue(AnalyticsProjection.ShardIdentity);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new LedgerState(r.GetInt64(2), r.IsDBNull(3) ? DateTimeOffset.MinValue : r.GetFieldValue<DateTimeOffset>(3), r.IsDBNull(0) ? null : Read(r));
    }

    /// <summary>The newest event's sequence number (0 on an empty ledger).</summary>
    public static async Task<long> NewestSequenceAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(NewestSequence, conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>As above, on a connection of its own (the CLI verbs, before their store runs).</summary>
    public static async Task<long> NewestSequenceAsync(string connectionString, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        return await NewestSequenceAsync(conn, ct);
    }

    /// <summary>The daemon's own row among Marten's projection progress (<c>AllProjectionProgress</c>).</summary>
    private const string HighWaterMark = "HighWaterMark";

    /// <summary>Whether a row of Marten's projection progress is the daemon's high-water mark (the highest sequence safe to read).</summary>
    public static bool IsHighWaterMark(string shardName) => shardName == HighWaterMark;

    /// <summary>Whether a row of Marten's projection progress is a projection's shard, not one of the daemon's own rows.</summary>
    public static bool IsProjectionShard(string shardName) => shardName is not HighWaterMark and not "HighWaterAllocationFence";

    /// <summary>The position from the first two columns (last_seq_id, last_updated).</summary>
    private static AnalyticsPosition Read(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.IsDBNull(1) ? default : r.GetFieldValue<DateTimeOffset>(1));
}
