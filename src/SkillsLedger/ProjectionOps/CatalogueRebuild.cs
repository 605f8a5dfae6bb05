using Marten;
using Npgsql;
using SkillsLedger.Domain.Events;
using SkillsLedger.Projections.Catalogue;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.ProjectionOps;

/// <summary>
/// Rebuilds the inline catalogue projections (SkillDefinition, RoleProfile) from their own streams. Marten's daemon
/// rebuild pages through the whole log to find their few events (seconds at 10M events for a dozen documents:
/// docs/performance.md, "Figures behind choices in the code"). Catalogue events only ever live in their own streams ("skill:…", "role:…", <see cref="StreamKeys"/>: the
/// ingestion puts them there), so each document is aggregated from its stream through the stream index, by Marten's
/// own aggregation of the same projection: the same documents (tested against Marten's rebuild). The skills' scales
/// are cached by readers against <see cref="SkillCatalogueState"/>, so rebuilding the definitions also rewrites that
/// state in the same transaction (its count from the skill streams' lengths, as the projection counts skill_defined): a
/// rewritten row is a new stamp, and every reader reloads the scales (SkillLevels.SkillScaleCatalogue).
/// </summary>
public static class CatalogueRebuild
{
    /// <summary>Projection name → how to rebuild it.</summary>
    public static readonly IReadOnlyDictionary<string, Func<IDocumentStore, string, CancellationToken, Task<int>>> Projections =
        new Dictionary<string, Func<IDocumentStore, string, CancellationToken, Task<int>>>(StringComparer.Ordinal)
        {
            ["SkillDefinition"] = (store, cs, ct) => RunAsync(store, cs, StreamKeys.Skill(""), [typeof(SkillDefinition), typeof(SkillCatalogueState)],
                async (session, streams, ct) =>
                {
                    StoreCatalogueState(session, streams); // a new stamp for the readers of the scales; not counted as a definition
                    return await AggregateEachAsync<SkillDefinition>(session, streams, ct);
                }, ct),
            ["SkillCatalogueState"] = (store, cs, ct) => RunAsync(store, cs, StreamKeys.Skill(""), [typeof(SkillCatalogueState)],
                (session, streams, _) => Task.FromResult(StoreCatalogueState(session, streams)), ct),
            ["RoleProfile"] = (store, cs, ct) => RunAsync(store, cs, StreamKeys.Role(""), [typeof(RoleProfile)], AggregateEachAsync<RoleProfile>, ct),
        };

    /// <summary>One organisation's streams of the prefix: key and number of events.</summary>
    private sealed record Stream(string Id, long Version);

    /// <param name="documents">The document types whose tables are emptied and written again.</param>
    /// <param name="write">Stores one organisation's documents in its session (not yet saved); returns how many.</param>
    /// <returns>The documents written.</returns>
    private static async Task<int> RunAsync(IDocumentStore store, string connectionString, string streamPrefix, Type[] documents,
        Func<IDocumentSession, IReadOnlyList<Stream>, CancellationToken, Task<int>> write, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // An append defining a skill meanwhile upserts its document inline and now waits for our commit; its event
        // is not visible to us yet, and its upsert then lands on our rows: the newest definition wins either way.
        foreach (var table in documents.Select(t => store.Options.Schema.For(t)))
            await using (var cmd = new NpgsqlCommand($"lock table {table} in exclusive mode; delete from {table}", conn, tx))
                await cmd.ExecuteNonQueryAsync(ct);

        var streams = new List<(string Tenant, Stream Stream)>();
        await using (var cmd = new NpgsqlCommand(StreamListing.KeysStartingWith, conn, tx))
        {
            cmd.Parameters.AddWithValue(streamPrefix);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) streams.Add((r.GetString(0), new Stream(r.GetString(1), r.GetInt64(2))));
        }

        var written = 0;
        foreach (var tenant in streams.GroupBy(s => s.Tenant, s => s.Stream))
        {
            var options = Marten.Services.SessionOptions.ForTransaction(tx);
            options.TenantId = tenant.Key;
            await using var session = store.LightweightSession(options);
            written += await write(session, tenant.ToList(), ct);
            await session.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return written;
    }

    /// <summary>Each stream aggregated by Marten with the projection's own code.</summary>
    private static async Task<int> AggregateEachAsync<T>(IDocumentSession session, IReadOnlyList<Stream> streams, CancellationToken ct) where T : class
    {
        var written = 0;
        foreach (var stream in streams)
            if (await session.Events.AggregateStreamAsync<T>(stream.Id, token: ct) is { } document)
            {
                session.Store(document);
                written++;
            }
        return written;
    }

    /// <summary>
    /// The organisation's catalogue state: every event of a skill stream is a skill_defined (StreamKeys), so the count
    /// the projection keeps is the streams' lengths added up. Written even when unchanged: the new row is the readers'
    /// new stamp.
    /// </summary>
    private static int StoreCatalogueState(IDocumentSession session, IReadOnlyList<Stream> skillStreams)
    {
        session.Store(new SkillCatalogueState(SkillCatalogueStateProjection.DocumentId, skillStreams.Sum(s => s.Version)));
        return 1;
    }
}
