using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Projections.EventStore;
using Weasel.Core.Migrations;

namespace SkillsLedger.Infrastructure;

/// <summary>
/// Brings the database's schema up to date when `serve` starts, before the projection daemon writes to it: Marten's
/// objects, ours (schema ledger) and the analytics tables through Marten's migration, then the analytics views
/// (<see cref="AnalyticsSchema.ApplyAsync"/>, the same path `import`, `demo` and `verify` take). It runs only when
/// the schema's definition changed since it was last applied here: comparing the whole schema with the catalogue
/// took about a second of every cold start while almost never changing anything. The SHA-256 of the definition
/// (Marten's script, which holds the analytics tables, plus the analytics views' DDL) is kept in
/// ledger.ledger_schema_stamps after it was applied. A change made by hand in the database is therefore not
/// repaired by `serve`; `skillsledger import` (and `demo`, `verify`) still compare everything on each run
/// (docs/operations.md).
/// </summary>
public sealed class SchemaAtStartup(LedgerDatabase database, IDocumentStore store) : IHostedService
{
    private static readonly string StampTable = $"{LedgerStoreConfiguration.Schema}.ledger_schema_stamps";

    /// <summary>The stamp's row. Before the analytics tables were Weasel's, "marten" and "analytics" had a row each.</summary>
    private const string Part = "schema";

    /// <summary>Session advisory lock held while one node brings the schema up to date (not the analytics DDL's own key).</summary>
    private const long SchemaLock = 7218829102;

    public async Task StartAsync(CancellationToken ct)
    {
        // Several nodes starting together on a fresh database would otherwise run the same CREATE TABLE IF NOT EXISTS
        // at once, which PostgreSQL can fail with a unique violation on its catalogue; the second node waits here and
        // then finds the first one's stamp.
        await using var guard = await database.DataSource.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand($"select pg_advisory_lock({SchemaLock})", guard))
            await take.ExecuteNonQueryAsync(ct);
        try { await ApplyIfChangedAsync(ct); }
        finally
        {
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({SchemaLock})", guard);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task ApplyIfChangedAsync(CancellationToken ct)
    {
        var documents = (DocumentStore)store;
        var stamp = Stamp(documents.Storage.ToDatabaseScript() + "\n" + AnalyticsSchema.Ddl());
        if (await AppliedStampAsync(ct) == stamp)
        {
            // The stamp vouches for the whole schema, so Marten need not compare it again before this process's first
            // append or daemon page: with the analytics tables among the event store's objects that comparison is
            // several times slower (docs/performance.md, "Figures behind choices in the code").
            if (documents.Storage.Database is DatabaseBase<NpgsqlConnection> marten) marten.MarkAllFeaturesAsChecked();
            return;
        }
        await AnalyticsSchema.ApplyAsync(documents, database.ConnectionString, ct);
        await RecordAsync(stamp, ct);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string Stamp(string ddl) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ddl)));

    /// <summary>The stamp last applied, if the schemas it describes still exist (dropping one by hand makes the next start apply everything again).</summary>
    private async Task<string?> AppliedStampAsync(CancellationToken ct)
    {
        // The service's own data source: the readiness probe and the first reads then find it connected and typed.
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        await using (var exists = new NpgsqlCommand($"select to_regclass('{StampTable}') is not null", conn))
            if (await exists.ExecuteScalarAsync(ct) is not true) return null;
        await using var cmd = new NpgsqlCommand(
            $"select stamp from {StampTable} where part = '{Part}' and to_regnamespace('{AnalyticsSchema.Name}') is not null" +
            $" and ({EventStoreSchema.EventsTableExists})", conn);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Written after the DDL committed: a start that fails half-way applies everything again next time.</summary>
    private async Task RecordAsync(string stamp, CancellationToken ct)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn)
        {
            BatchCommands =
            {
                new($"create schema if not exists {LedgerStoreConfiguration.Schema}"),
                new($"create table if not exists {StampTable} (part text primary key, stamp text not null, applied_at timestamptz not null default now())"),
                new($"insert into {StampTable} (part, stamp) values ($1, $2) on conflict (part) do update set stamp = excluded.stamp, applied_at = now()")
                {
                    Parameters = { new() { Value = Part }, new() { Value = stamp } },
                },
                // The rows an older version kept per part ("marten", "analytics").
                new($"delete from {StampTable} where part <> '{Part}'"),
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
    }
}
