using Marten;
using Npgsql;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;
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
/// state (its count from the skill streams' lengths, as the projection counts skill_defined): a rewritten row is a new
/// stamp, and every reader reloads the scales (SkillLevels.SkillScaleCatalogue).
/// </summary>
public static class CatalogueRebuild
{
    private const string Schema = LedgerStoreConfiguration.Schema;

    /// <summary>Projection name → how to rebuild it.</summary>
    public static readonly IReadOnlyDictionary<string, Func<IDocumentStore, string, CancellationToken, Task<int>>> Projections =
        new Dictionary<string, Func<IDocumentStore, string, CancellationToken, Task<int>>>(StringComparer.Ordinal)
        {
            ["SkillDefinition"] = (store, cs, ct) => RunAsync<SkillDefinition>(store, cs, StreamKeys.Skill(""), ct, rewriteCatalogueState: true),
            ["SkillCatalogueState"] = (store, cs, ct) => RunAsync<SkillCatalogueState>(store, cs, StreamKeys.Skill(""), ct, rewriteCatalogueState: true),
            ["RoleProfile"] = (store, cs, ct) => RunAsync<RoleProfile>(store, cs, StreamKeys.Role(""), ct),
        };

    /// <returns>The documents written.</returns>
    /// <param name="rewriteCatalogueState">Also write each organisation's <see cref="SkillCatalogueState"/> (T is that state
    /// itself, or the definitions it stamps).</param>
    private static async Task<int> RunAsync<T>(IDocumentStore store, string connectionString, string streamPrefix, CancellationToken ct,
        bool rewriteCatalogueState = false) where T : class
    {
        var table = store.Options.Schema.For<T>();
        var stateTable = store.Options.Schema.For<SkillCatalogueState>();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // An append defining a skill meanwhile upserts its document inline and now waits for our commit; its event
        // is not visible to us yet, and its upsert then lands on our rows: the newest definition wins either way.
        await using (var cmd = new NpgsqlCommand($"lock table {table} in exclusive mode; delete from {table}", conn, tx))
            await cmd.ExecuteNonQueryAsync(ct);
        if (rewriteCatalogueState && table != stateTable)
            await using (var cmd = new NpgsqlCommand($"lock table {stateTable} in exclusive mode; delete from {stateTable}", conn, tx))
                await cmd.ExecuteNonQueryAsync(ct);

        var streams = new List<(string Tenant, string Id)>();
        await using (var cmd = new NpgsqlCommand(StreamListing.KeysStartingWith, conn, tx))
        {
            cmd.Parameters.AddWithValue(streamPrefix);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) streams.Add((r.GetString(0), r.GetString(1)));
        }

        var written = 0;
        foreach (var tenant in streams.GroupBy(s => s.Tenant, s => s.Id))
        {
            var options = Marten.Services.SessionOptions.ForTransaction(tx);
            options.TenantId = tenant.Key;
            await using var session = store.LightweightSession(options);
            long definitions = 0;
            foreach (var stream in tenant)
            {
                if (rewriteCatalogueState) definitions += (await session.Events.FetchStreamStateAsync(stream, ct))?.Version ?? 0;
                if (typeof(T) == typeof(SkillCatalogueState)) continue;
                if (await session.Events.AggregateStreamAsync<T>(stream, token: ct) is { } document)
                {
                    session.Store(document);
                    written++;
                }
            }
            if (rewriteCatalogueState)
            {
                // Every event of a skill stream is a skill_defined (StreamKeys): the count the projection keeps.
                session.Store(new SkillCatalogueState(SkillCatalogueStateProjection.DocumentId, definitions));
                if (typeof(T) == typeof(SkillCatalogueState)) written++;
            }
            await session.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return written;
    }
}
