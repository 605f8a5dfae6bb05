using Npgsql;
using SkillsLedger.Database;

namespace SkillsLedger.Cli;

/// <summary>
/// Where the ledger lives: the server named by --db / SKILLSLEDGER_DB, or else the private embedded PostgreSQL
/// under --data-dir / SKILLSLEDGER_DATA_DIR (default ./.skillsledger), started on demand or shared with the
/// process already running it.
/// </summary>
public sealed class ResolvedDatabase(string connectionString, string description, EmbeddedPostgres? embedded) : IAsyncDisposable
{
    public const string DatabaseName = "skillsledger";
    public string ConnectionString { get; } = connectionString;
    public string Description { get; } = description;
    public EmbeddedPostgres? Embedded { get; } = embedded;

    public ValueTask DisposeAsync() => Embedded?.DisposeAsync() ?? ValueTask.CompletedTask;

    public static string DataDir(CliArgs args) => Path.GetFullPath(LedgerSettings.From(args).DataDir);

    public static string? ExternalDb(CliArgs args) => LedgerSettings.From(args).Db;

    /// <summary>SKILLSLEDGER_PG_BINDIR names the directory of initdb/pg_ctl when they are neither on PATH nor in /usr/lib/postgresql/*/bin.</summary>
    public static EmbeddedPostgresOptions EmbeddedOptions(CliArgs args) =>
        LedgerSettings.From(args).PgBinDir is { } dir
            ? new EmbeddedPostgresOptions { BinarySearchDirectories = dir.Split(':', StringSplitOptions.RemoveEmptyEntries) }
            : EmbeddedPostgresOptions.Default;

    public static async Task<ResolvedDatabase> ResolveAsync(CliArgs args, Action<string> log, CancellationToken ct)
    {
        if (ExternalDb(args) is { } db)
        {
            var cs = ConnectionStrings.Normalise(db);
            var builder = new NpgsqlConnectionStringBuilder(cs);
            return new ResolvedDatabase(cs, $"PostgreSQL at {builder.Host}:{builder.Port}/{builder.Database}", null);
        }
        var dataDir = DataDir(args);
        var pg = await EmbeddedPostgres.StartOrAttachAsync(dataDir, EmbeddedOptions(args), log, ct);
        var connection = await pg.CreateDatabaseAsync(DatabaseName, ct);
        return new ResolvedDatabase(connection,
            $"embedded PostgreSQL on 127.0.0.1:{pg.Port} (data in {dataDir}{(pg.OwnsServer ? "" : ", shared with a running process")})", pg);
    }
}

/// <summary>Accepts both postgresql:// URLs and Npgsql key=value strings.</summary>
public static class ConnectionStrings
{
    public static string Normalise(string text)
    {
        if (!text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            try { return new NpgsqlConnectionStringBuilder(text).ConnectionString; }
            catch (ArgumentException ex) { throw new UsageException($"--db / SKILLSLEDGER_DB is not a valid connection string: {ex.Message}"); }
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)) throw new UsageException("--db / SKILLSLEDGER_DB is not a valid postgresql:// URL");
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } dbName ? Uri.UnescapeDataString(dbName) : "postgres",
        };
        if (uri.UserInfo.Split(':', 2) is var parts && parts[0].Length > 0)
        {
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv[0] == "sslmode" && kv.Length == 2 && Enum.TryParse<SslMode>(kv[1], true, out var ssl)) b.SslMode = ssl;
        }
        return b.ConnectionString;
    }
}
