using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Infrastructure;

/// <summary>
/// Brings the database's schema up to date when `serve` starts — Marten's objects and ours (schema ledger), then the
/// analytics schema for BI tools — before the projection daemon writes to them. Each part is applied only when its
/// DDL changed since it was last applied here: comparing Marten's whole schema with the catalogue, and running the
/// ~120 idempotent analytics statements, took about a second of every cold start while almost never changing
/// anything. The SHA-256 of each part's DDL is kept in ledger.ledger_schema_stamps after it was applied. A change
/// made by hand in the database is therefore not repaired by `serve`; `skillsledger import` (and `demo`, `verify`)
/// still compare everything on each run (docs/operations.md).
/// </summary>
public sealed class SchemaAtStartup(LedgerDatabase database, IDocumentStore store) : IHostedService
{
    private static readonly string StampTable = $"{LedgerStoreConfiguration.Schema}.ledger_schema_stamps";
    private const string Marten = "marten";
    private const string Analytics = "analytics";

    /// <summary>Session advisory lock held while one node brings the schema up to date (not the analytics DDL's own key).</summary>
    private const long SchemaLock = 7218829102;

    public async Task StartAsync(CancellationToken ct)
    {
        // Several nodes starting together on a fresh database would otherwise run the same CREATE TABLE IF NOT EXISTS
        // at once, which PostgreSQL can fail with a unique violation on its catalogue; the second node waits here and
        // then finds the first one's stamps.
        await using var guard = await database.DataSource.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand($"select pg_advisory_lock({SchemaLock})", guard))
            await take.ExecuteNonQueryAsync(ct);
        try { await ApplyChangedPartsAsync(ct); }
        finally
        {
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({SchemaLock})", guard);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task ApplyChangedPartsAsync(CancellationToken ct)
    {
        var documents = (DocumentStore)store;
        var applied = await AppliedStampsAsync(ct);
        var martenStamp = Stamp(documents.Storage.ToDatabaseScript());
        if (applied.GetValueOrDefault(Marten) != martenStamp)
        {
            await documents.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await RecordAsync(Marten, martenStamp, ct);
        }
        var analyticsStamp = Stamp(AnalyticsSchema.Ddl());
        if (applied.GetValueOrDefault(Analytics) != analyticsStamp)
        {
            await AnalyticsSchema.EnsureAsync(database.ConnectionString, ct);
            await RecordAsync(Analytics, analyticsStamp, ct);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string Stamp(string ddl) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ddl)));

    /// <summary>The stamps of parts whose schema still exists (dropping a schema by hand makes the next start apply it again).</summary>
    private async Task<Dictionary<string, string>> AppliedStampsAsync(CancellationToken ct)
    {
        var stamps = new Dictionary<string, string>(StringComparer.Ordinal);
        // The service's own data source: the readiness probe and the first reads then find it connected and typed.
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        await using (var exists = new NpgsqlCommand($"select to_regclass('{StampTable}') is not null", conn))
            if (await exists.ExecuteScalarAsync(ct) is not true) return stamps;
        await using var cmd = new NpgsqlCommand(
            $"select part, stamp from {StampTable} where (part <> '{Analytics}' or to_regnamespace('{AnalyticsSchema.Name}') is not null)" +
            $" and (part <> '{Marten}' or to_regclass('{MartenTables.Events}') is not null)", conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) stamps[r.GetString(0)] = r.GetString(1);
        return stamps;
    }

    /// <summary>Written after the part's DDL committed: a start that fails half-way applies everything again next time.</summary>
    private async Task RecordAsync(string part, string stamp, CancellationToken ct)
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
                    Parameters = { new() { Value = part }, new() { Value = stamp } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
    }
}
