namespace SkillsLedger.Projections.EventStore;

/// <summary>
/// Which streams exist. Marten's API fetches or aggregates a stream by its key but cannot list keys; finding them
/// through the events (<c>QueryAllRawEvents</c>) would read the log, while mt_streams holds one short row per stream.
/// </summary>
public static class StreamListing
{
    /// <summary>
    /// (tenant_id, id, version: its number of events) of every stream whose key starts with $1, in that order: the
    /// catalogue rebuild's skill or role streams.
    /// </summary>
    public static readonly string KeysStartingWith =
        $"select tenant_id, id, version from {MartenTables.Streams} where left(id, length($1)) = $1 order by tenant_id, id";
}
