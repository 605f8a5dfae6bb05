using JasperFx.Events;
using Marten;
using Npgsql;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Ingestion;

/// <summary>
/// Storage by Marten's own Rich append, one insert per event: inline projections (skill catalogue, role profiles)
/// run, and a stale expectedVersion is caught by Marten's stream-version check.
/// </summary>
internal sealed class MartenAppend : IEventStorage
{
    public static readonly MartenAppend Instance = new();

    private MartenAppend() { }

    /// <summary>Marten serialises at save time: nothing to compute ahead.</summary>
    public PreparedEvent Prepare(ILedgerEvent encrypted) => new(encrypted, "", false);

    /// <summary>
    /// After a lost race, queue behind other writers of the same streams instead of racing again: Rich appends
    /// read the stream version before writing, so hot streams (one busy person) would otherwise keep colliding.
    /// Transaction-scoped advisory locks, taken in key order so two batches cannot deadlock.
    /// </summary>
    public async Task QueueBehindOtherWritersAsync(NpgsqlConnection conn, string organisation, IReadOnlyList<ILedgerEvent> batch, CancellationToken ct)
    {
        var keys = batch.Select(StreamKeys.For).Distinct().Order(StringComparer.Ordinal).ToArray();
        await using var cmd = new NpgsqlCommand(
            "select count(pg_advisory_xact_lock(hashtextextended($1 || '/' || k, 0))) from (select unnest($2::text[]) k order by 1) s", conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(keys);
        await cmd.ExecuteScalarAsync(ct);
    }

    public async Task<List<StoredEvent>> StoreAsync(NpgsqlConnection conn, IDocumentSession session, AppendContext context,
        IReadOnlyList<PreparedEvent> events, long? expectedVersion, CancellationToken ct)
    {
        var appended = new List<IEvent>(events.Count);
        foreach (var stream in events.GroupBy(e => StreamKeys.For(e.Event)))
        {
            var data = stream.Select(e => (object)e.Event).ToArray();
            var action = expectedVersion switch
            {
                null => session.Events.Append(stream.Key, data),
                0 => session.Events.StartStream(stream.Key, data),
                { } v => session.Events.Append(stream.Key, v + data.Length, data),
            };
            appended.AddRange(action.Events);
        }
        await session.SaveChangesAsync(ct);
        return appended.Select(e => new StoredEvent(((ILedgerEvent)e.Data).EventId!, e.EventTypeName, e.StreamKey!, e.Version, e.Sequence)).ToList();
    }
}
