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
        await StartWatchdogAsync(_server.ConnectionString);
        return _server.ConnectionString;
    }

    /// <summary>
    /// The test host is not always given the chance to run ProcessExit (the runner may kill it), which used to leave
    /// this run's server behind. A detached shell waits for the test host to go, then asks the postmaster for a fast
    /// shutdown (SIGINT) and removes the data directory: a crashed or killed run cleans up too.
    /// </summary>
    private static async Task StartWatchdogAsync(string admin)
    {
        string clusterDir;
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("select current_setting('data_directory')", conn);
            clusterDir = (string)(await cmd.ExecuteScalarAsync())!;
        }
        var pidFile = Path.Combine(clusterDir, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), out var postmaster)) return;
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
                     $"kill -INT {postmaster} 2>/dev/null; for i in $(seq 30); do kill -0 {postmaster} 2>/dev/null || break; sleep 1; done; " +
                     $"rm -rf '{DataDir}' '{clusterDir}'";
        // Started through a shell that exits at once, so the watchdog is not a descendant of the test host: the
        // runner kills the host's process tree when the host crashes.
        var psi = new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", "setsid /bin/sh -c \"$SKILLSLEDGER_WATCHDOG\" </dev/null >/dev/null 2>&1 &"])
        {
            UseShellExecute = false, Environment = { ["SKILLSLEDGER_WATCHDOG"] = script },
        };
        try { using var launcher = System.Diagnostics.Process.Start(psi); launcher?.WaitForExit(5000); }
        catch (System.ComponentModel.Win32Exception) { /* no /bin/sh: ProcessExit is the only cleanup, as before */ }
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
