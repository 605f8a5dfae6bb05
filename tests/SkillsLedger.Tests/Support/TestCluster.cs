using Npgsql;
using SkillsLedger.Database;

namespace SkillsLedger.Tests.Support;

/// <summary>
/// One private PostgreSQL per test run, started by the same launcher the product uses; each test class gets
/// its own database in it. Nothing has to be started by hand. SKILLSLEDGER_TEST_DB (an admin connection
/// string) points the tests at an existing server instead.
/// </summary>
public static class TestCluster
{
    private static readonly string DataDir = Path.Combine(Path.GetTempPath(), $"skillsledger-tests-{Environment.ProcessId}");
    private static readonly Lazy<Task<string>> Admin = new(StartAsync);
    private static EmbeddedPostgres? _server;

    // Throwaway clusters trade durability for speed; the product's default keeps fsync on.
    private static readonly EmbeddedPostgresOptions Options = new()
    {
        Settings = new Dictionary<string, string> { ["fsync"] = "off", ["synchronous_commit"] = "off", ["full_page_writes"] = "off" },
        MaxConnections = 400,
    };

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("SKILLSLEDGER_TEST_DB") is { Length: > 0 } external) return external;
        _server = await EmbeddedPostgres.StartOrAttachAsync(DataDir, Options);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { _server.StopAsync().Wait(TimeSpan.FromSeconds(30)); } catch { /* the run is over either way */ }
            try { Directory.Delete(DataDir, recursive: true); } catch { /* best effort */ }
        };
        return _server.ConnectionString;
    }

    /// <summary>Creates a fresh database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string hint)
    {
        var admin = await Admin.Value;
        var name = ("t_" + new string(hint.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray()))[..Math.Min(40, hint.Length + 2)]
                   + "_" + Guid.NewGuid().ToString("N")[..8];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"create database \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 50 }.ConnectionString;
    }
}
