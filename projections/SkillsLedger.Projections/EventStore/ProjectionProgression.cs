namespace SkillsLedger.Projections.EventStore;

/// <summary>
/// A projection's row in Marten's progression table ($1: its shard name, e.g. <c>AnalyticsProjection.ShardIdentity</c>):
/// the last event it applied. Raw SQL because the analytics rebuild must lock and move the row inside its own
/// transaction, in the lock order the daemon uses (<c>ProjectionOps.AnalyticsFullRebuild</c>); Marten's
/// <c>AllProjectionProgress</c> reads the rows on a connection of its own, and the daemon's
/// <c>RewindSubscriptionAsync</c> moves a subscription in a transaction of its own, through a projection daemon.
/// </summary>
public static class ProjectionProgression
{
    /// <summary>The projection's position, row-locked until the transaction ends (no row: it has never run).</summary>
    public static readonly string LockPosition = $"select last_seq_id from {MartenTables.Progression} where name = $1 for update";

    /// <summary>Moves the projection to $2 and clears a recorded failure, as the daemon does after a good page.</summary>
    public static readonly string SetPosition =
        $"""
         insert into {MartenTables.Progression} (name, last_seq_id, last_updated) values ($1, $2, transaction_timestamp())
         on conflict (name) do update set last_seq_id = excluded.last_seq_id, last_updated = excluded.last_updated,
           failure_category = null, failure_event_sequence = null, failure_event_type = null, failure_event_tenant_id = null
         """;

    /// <summary>
    /// Removes the row when $2 is 0 (an empty log): Marten inserts it with the shard's first page and fails if it is
    /// already there. Takes the position as $2 like <see cref="SetPosition"/>, so the caller binds both alike.
    /// </summary>
    public static readonly string RemovePositionAtZero = $"delete from {MartenTables.Progression} where name = $1 and $2 = 0";
}
