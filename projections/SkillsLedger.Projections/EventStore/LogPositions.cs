namespace SkillsLedger.Projections.EventStore;

/// <summary>
/// Positions in the event log as a whole (sequences are shared by every organisation). Raw SQL where the answer is
/// needed on the caller's connection or at a moment Marten's API cannot give it (the reason stands at each one).
/// </summary>
public static class LogPositions
{
    /// <summary>
    /// The last sequence number handed out (appends may not have committed it yet) and the server's clock at that moment:
    /// the analytics rebuild's cut, then waits for every transaction older than that clock. Marten's
    /// <c>FetchHighestEventSequenceNumber</c> reads the same sequence, but on a connection of its own, without telling
    /// a fresh sequence (nothing handed out) from one at 1, and without the clock.
    /// </summary>
    public static readonly string LastHandedOut =
        $"select case when is_called then last_value else last_value - 1 end, clock_timestamp() from {MartenTables.EventSequence}";

    /// <summary>
    /// The feed's look ahead (<c>History.SafeFeedCeiling</c>): up to $2 sequence numbers after $1 in order, each with
    /// whether it was recorded less than $3 (an interval) ago — a hole before a young event may still fill. Only the
    /// two columns, from the sequence's index: Marten's <c>QueryAllRawEvents</c> would load every event's data.
    /// </summary>
    public static readonly string AfterWithAge =
        $"select seq_id, timestamp > now() - $3::interval from {MartenTables.Events} where seq_id > $1 order by seq_id limit $2";
}
