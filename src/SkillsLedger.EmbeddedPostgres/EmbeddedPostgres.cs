using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SkillsLedger.Database;

/// <summary>
/// A private PostgreSQL server for one data directory, listening on 127.0.0.1 only.
/// Processes pointed at the same dataDir share one server: the first starts it (and owns it),
/// later ones attach. Start/stop decisions are serialized by dataDir/launcher.lock.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    public const string UserName = "ledger";
    private const int StartAttempts = 6;

    private readonly ClusterLayout _layout;
    private readonly PostgresBinaries _binaries;
    private readonly PostgresHost _host;
    private readonly EmbeddedPostgresOptions _options;
    private readonly Action<string>? _log;
    private readonly string _password;
    private bool _stopped;

    private EmbeddedPostgres(ClusterLayout layout, PostgresBinaries binaries, PostgresHost host,
        EmbeddedPostgresOptions options, Action<string>? log, string password, int port, bool ownsServer)
    {
        (_layout, _binaries, _host, _options, _log, _password) = (layout, binaries, host, options, log, password);
        Port = port;
        OwnsServer = ownsServer;
        ConnectionString = BuildConnectionString(port, password, "postgres");
    }

    public int Port { get; }

    /// <summary>True when this instance started (or adopted) the server and will stop it on dispose.</summary>
    public bool OwnsServer { get; private set; }

    /// <summary>Npgsql connection string for the "postgres" database.</summary>
    public string ConnectionString { get; }

    public string DataDir => _layout.DataDir;

    /// <summary>postgresql:// URL for the given database (for `skillsledger db psql-url`).</summary>
    public string GetUrl(string database = "postgres") => BuildUrl(Port, _password, database);

    public static string BuildUrl(int port, string password, string database = "postgres") =>
        $"postgresql://{UserName}:{Uri.EscapeDataString(password)}@127.0.0.1:{port}/{Uri.EscapeDataString(database)}";

    // ---------------------------------------------------------------- start / attach

    public static Task<EmbeddedPostgres> StartOrAttachAsync(string dataDir, Action<string>? log = null, CancellationToken ct = default) =>
        StartOrAttachAsync(dataDir, EmbeddedPostgresOptions.Default, log, ct);

    public static Task<EmbeddedPostgres> StartOrAttachAsync(string dataDir, EmbeddedPostgresOptions options,
        Action<string>? log = null, CancellationToken ct = default) =>
        StartOrAttachCoreAsync(dataDir, options, detached: false, log, ct);

    /// <summary>
    /// For `skillsledger db start`: starts (or finds) the server and leaves it running after this
    /// process exits. Nobody owns it (no owner.pid); only an explicit stop ends it.
    /// </summary>
    public static Task<EmbeddedPostgres> StartDetachedAsync(string dataDir, EmbeddedPostgresOptions? options = null,
        Action<string>? log = null, CancellationToken ct = default) =>
        StartOrAttachCoreAsync(dataDir, options ?? EmbeddedPostgresOptions.Default, detached: true, log, ct);

    private static async Task<EmbeddedPostgres> StartOrAttachCoreAsync(string dataDir, EmbeddedPostgresOptions options,
        bool detached, Action<string>? log, CancellationToken ct)
    {
        var binaries = PostgresBinaries.Locate(options.BinarySearchDirectories); // fail fast, before touching disk
        dataDir = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(dataDir);
        var host = await PostgresHost.CreateAsync(log, ct);

        await using var _ = await LauncherLock.AcquireAsync(Path.Combine(dataDir, "launcher.lock"), options.Timeout, ct);
        var layout = await host.ResolveLayoutAsync(dataDir, ct);
        var password = LoadOrCreatePassword(layout);

        var runningPort = await FindRunningServerAsync(layout, password, options, ct);
        if (runningPort is int port)
        {
            var adopted = !detached && TryAdoptOwnership(layout, log);
            log?.Invoke($"attached to PostgreSQL on 127.0.0.1:{port}{(adopted ? " (adopted ownership)" : "")}");
            return new EmbeddedPostgres(layout, binaries, host, options, log, password, port, adopted);
        }

        if (!layout.IsInitialized)
            await InitClusterAsync(layout, binaries, host, password, log, ct);
        port = await StartServerAsync(layout, binaries, host, options, password, log, ct);
        if (detached)
            File.Delete(layout.OwnerPidFile);
        else
            File.WriteAllText(layout.OwnerPidFile, Environment.ProcessId + "\n");
        log?.Invoke($"started PostgreSQL on 127.0.0.1:{port} ({layout.ClusterDir})");
        return new EmbeddedPostgres(layout, binaries, host, options, log, password, port, ownsServer: !detached);
    }

    /// <summary>Port of a live, reachable server for this cluster, or null when none is running.</summary>
    private static async Task<int?> FindRunningServerAsync(ClusterLayout layout, string password,
        EmbeddedPostgresOptions options, CancellationToken ct)
    {
        if (ReadPostmasterPid(layout) is not (int pid, int port) || !ProcFs.IsPostgres(pid))
            return null; // no pid file, or stale one from a SIGKILLed postmaster: postgres overwrites it
        // Alive but maybe still starting up or recovering: give it the usual readiness window.
        if (port > 0 && await WaitUntilReadyAsync(port, password, options.Timeout, ct))
            return port;
        throw new InvalidOperationException(
            $"PostgreSQL (pid {pid}) is running on {layout.ClusterDir} but does not accept connections; see {layout.LogFile}");
    }

    /// <summary>
    /// owner.pid names the process that stops the server on exit. If that process died without
    /// stopping it (e.g. SIGKILL), the attaching process takes over so the server is still stopped cleanly.
    /// No owner.pid means a detached start: nobody adopts it.
    /// </summary>
    private static bool TryAdoptOwnership(ClusterLayout layout, Action<string>? log)
    {
        var owner = ReadIntLine(layout.OwnerPidFile, 0);
        if (owner is null || owner == Environment.ProcessId || ProcFs.IsAlive(owner.Value))
            return false;
        log?.Invoke($"owner process {owner} is gone; adopting the server");
        File.WriteAllText(layout.OwnerPidFile, Environment.ProcessId + "\n");
        return true;
    }

    // ---------------------------------------------------------------- cluster files

    /// <summary>32 random bytes, base64url: safe in connection strings and URLs. Created 0600 from the start.</summary>
    private static string LoadOrCreatePassword(ClusterLayout layout)
    {
        if (File.Exists(layout.PasswordFile))
            return File.ReadAllText(layout.PasswordFile).Trim();
        if (layout.IsInitialized)
            throw new InvalidOperationException($"{layout.PasswordFile} is missing but the cluster {layout.ClusterDir} exists; restore the file");
        var password = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        WritePrivateFile(layout.PasswordFile, password + "\n");
        return password;
    }

    private static void WritePrivateFile(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
            stream.Write(Encoding.UTF8.GetBytes(content));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // in case it pre-existed
    }

    private static async Task InitClusterAsync(ClusterLayout layout, PostgresBinaries binaries, PostgresHost host,
        string password, Action<string>? log, CancellationToken ct)
    {
        log?.Invoke($"initializing PostgreSQL cluster in {layout.ClusterDir}");
        PostgresHost.CreatePrivateDirectory(layout.ClusterDir);
        await host.ChownAsync(layout.ClusterDir, recursive: true, ct);

        // initdb reads the password from a file; it must be readable by the user running initdb.
        var workDir = Path.GetDirectoryName(layout.ClusterDir)!;
        var pwFile = Path.Combine(workDir, $".pwfile-{Guid.NewGuid():N}");
        try
        {
            WritePrivateFile(pwFile, password + "\n");
            await host.ChownAsync(pwFile, recursive: false, ct);
            // --locale=C: deterministic, and does not depend on which locales the machine has generated.
            var result = await host.RunAsync(binaries.InitDb,
                ["-D", layout.ClusterDir, "-U", UserName, "-E", "UTF8", "--locale=C",
                 "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "--pwfile=" + pwFile],
                workDir, ct);
            if (!result.Ok)
                throw new InvalidOperationException($"initdb failed (exit {result.ExitCode}): {LastLines(result.Output)}");
        }
        finally
        {
            File.Delete(pwFile);
        }
    }

    // ---------------------------------------------------------------- pg_ctl start / stop

    /// <summary>
    /// Starts on a fresh free port. Retries cover a port taken between picking and binding, and a
    /// previous postmaster that was SIGKILLed while its backends still hold the shared memory.
    /// </summary>
    private static async Task<int> StartServerAsync(ClusterLayout layout, PostgresBinaries binaries, PostgresHost host,
        EmbeddedPostgresOptions options, string password, Action<string>? log, CancellationToken ct)
    {
        var failure = "";
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            var port = PickFreePort();
            await PrepareLogFileAsync(layout, host, ct);
            var logStart = new FileInfo(layout.LogFile).Length;
            var result = await host.RunAsync(binaries.PgCtl,
                ["-D", layout.ClusterDir, "-l", layout.LogFile, "-w", "-t", ((int)options.Timeout.TotalSeconds).ToString(),
                 "-o", ServerArguments(port, options), "start"],
                Path.GetDirectoryName(layout.ClusterDir)!, ct);
            if (result.Ok)
            {
                if (await WaitUntilReadyAsync(port, password, options.Timeout, ct))
                    return port;
                throw new InvalidOperationException($"PostgreSQL started but refuses connections on port {port}; see {layout.LogFile}");
            }

            failure = result.Output + ReadFrom(layout.LogFile, logStart);
            log?.Invoke($"pg_ctl start attempt {attempt} failed: {LastLines(failure)}");
            if (attempt >= 3 && IsLeftoverServerFailure(failure))
                await KillLeftoverServerProcessesAsync(layout, log, ct);
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        throw new InvalidOperationException($"could not start PostgreSQL in {layout.ClusterDir}: {LastLines(failure)}");
    }

    /// <summary>Orphaned backends of a killed postmaster normally exit within a second; these messages mean they did not.</summary>
    private static bool IsLeftoverServerFailure(string output) =>
        output.Contains("shared memory block", StringComparison.Ordinal) ||
        output.Contains("lock file", StringComparison.Ordinal);

    /// <summary>
    /// Last resort after a SIGKILLed postmaster. Once no process of this cluster is left, a
    /// postmaster.pid still naming an unreaped (zombie) postmaster is removed: postgres's own
    /// kill(pid, 0) check would otherwise treat the zombie as a running server forever.
    /// </summary>
    private static async Task KillLeftoverServerProcessesAsync(ClusterLayout layout, Action<string>? log, CancellationToken ct)
    {
        foreach (var pid in ProcFs.ServerProcesses(layout.ClusterDir))
        {
            log?.Invoke($"killing leftover PostgreSQL process {pid}");
            ProcFs.Kill(pid);
        }
        for (var i = 0; i < 40 && ProcFs.ServerProcesses(layout.ClusterDir).Any(); i++)
            await Task.Delay(50, ct);
        if (!ProcFs.ServerProcesses(layout.ClusterDir).Any()
            && ReadPostmasterPid(layout) is (int stalePid, _) && !ProcFs.IsAlive(stalePid))
        {
            log?.Invoke($"removing stale {layout.PostmasterPidFile} (pid {stalePid} is not running)");
            File.Delete(layout.PostmasterPidFile);
        }
    }

    /// <summary>
    /// Value of pg_ctl -o, which pg_ctl passes through /bin/sh: hence the shell quoting of values.
    /// Unix sockets are off because socket paths are limited to 107 bytes and data dirs can be long.
    /// </summary>
    private static string ServerArguments(int port, EmbeddedPostgresOptions options)
    {
        var settings = new List<(string Name, string Value)>
        {
            ("listen_addresses", "127.0.0.1"),
            ("unix_socket_directories", ""),
            ("max_connections", options.MaxConnections.ToString()),
        };
        settings.AddRange(options.Settings.Select(kv => (kv.Key, kv.Value)));
        var sb = new StringBuilder($"-p {port}");
        foreach (var (name, value) in settings)
        {
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
                throw new ArgumentException($"invalid PostgreSQL setting name '{name}'");
            sb.Append($" -c {name}='{value.Replace("'", "'\\''")}'");
        }
        return sb.ToString();
    }

    /// <summary>As root the server (user postgres) appends to the log, so it must own the file.</summary>
    private static async Task PrepareLogFileAsync(ClusterLayout layout, PostgresHost host, CancellationToken ct)
    {
        if (!File.Exists(layout.LogFile))
            await File.WriteAllTextAsync(layout.LogFile, "", ct);
        await host.ChownAsync(layout.LogFile, recursive: false, ct);
    }

    /// <summary>Stops this server (pg_ctl -m fast), whether or not this instance owns it.</summary>
    public async Task StopAsync()
    {
        await using (await LauncherLock.AcquireAsync(_layout.LockFile, _options.Timeout, CancellationToken.None))
            await StopServerAsync(_layout, _binaries, _host, _log, CancellationToken.None);
        _stopped = true;
        OwnsServer = false;
    }

    /// <summary>Stops the server only if this instance owns it; attached instances leave it running.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!OwnsServer || _stopped) return;
        // Another process (say `serve` while this `import` owned the server) is still using it: leave it running.
        // owner.pid keeps naming this process, which is about to exit, so the next process to attach adopts it.
        if (await OtherClientsAsync() is var others and > 0)
        {
            _log?.Invoke($"leaving PostgreSQL running for {others} connection(s) of other processes");
            return;
        }
        await StopAsync();
    }

    private async Task<long> OtherClientsAsync()
    {
        try
        {
            var probe = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 3 }.ConnectionString;
            await using var conn = new NpgsqlConnection(probe);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "select count(*) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid() " +
                "and coalesce(application_name, '') not in ($1, $1 || ' serve')", conn); // ' serve': this process's service (RunningServices)
            cmd.Parameters.AddWithValue(ApplicationName);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
        catch (NpgsqlException)
        {
            return 0; // cannot ask: stop as before
        }
    }

    /// <summary>For `skillsledger db stop`. Returns false when no server was running.</summary>
    public static async Task<bool> StopAsync(string dataDir, EmbeddedPostgresOptions? options = null,
        Action<string>? log = null, CancellationToken ct = default)
    {
        options ??= EmbeddedPostgresOptions.Default;
        var binaries = PostgresBinaries.Locate(options.BinarySearchDirectories);
        dataDir = Path.GetFullPath(dataDir);
        if (!Directory.Exists(dataDir))
            return false;
        var host = await PostgresHost.CreateAsync(log, ct);
        await using var _ = await LauncherLock.AcquireAsync(Path.Combine(dataDir, "launcher.lock"), options.Timeout, ct);
        var layout = ClusterLayout.Recorded(dataDir);
        if (ReadPostmasterPid(layout) is not (int pid, _) || !ProcFs.IsPostgres(pid))
        {
            File.Delete(layout.OwnerPidFile); // stale
            return false;
        }
        await StopServerAsync(layout, binaries, host, log, ct);
        return true;
    }

    private static async Task StopServerAsync(ClusterLayout layout, PostgresBinaries binaries, PostgresHost host,
        Action<string>? log, CancellationToken ct)
    {
        var before = ReadPostmasterPid(layout) is (int p, _) ? p : 0;
        var result = await host.RunAsync(binaries.PgCtl, ["-D", layout.ClusterDir, "-m", "fast", "-w", "-t", "60", "stop"],
            Path.GetDirectoryName(layout.ClusterDir)!, ct);
        // pg_ctl also fails when nothing was running; only a still-live postmaster is an error.
        if (!result.Ok && ReadPostmasterPid(layout) is (int pid, _) && ProcFs.IsPostgres(pid))
            throw new InvalidOperationException($"pg_ctl stop failed: {LastLines(result.Output)}");
        // pg_ctl -w returns once postmaster.pid is gone, which the postmaster removes just before it exits.
        // Wait for the exit itself, so "stopped" means no process of ours is left (a caller may start again at once).
        for (var waited = 0; before > 0 && ProcFs.IsPostgres(before) && waited < 10_000; waited += 20)
            await Task.Delay(20, ct);
        File.Delete(layout.OwnerPidFile);
        log?.Invoke($"stopped PostgreSQL ({layout.ClusterDir})");
    }

    /// <summary>For `skillsledger db status`. Reads files only; needs neither binaries nor the lock.</summary>
    public static Task<PostgresStatus> StatusAsync(string dataDir)
    {
        var layout = ClusterLayout.Recorded(Path.GetFullPath(dataDir));
        var pm = ReadPostmasterPid(layout);
        var running = pm is (int pid, _) && ProcFs.IsPostgres(pid);
        var owner = ReadIntLine(layout.OwnerPidFile, 0);
        return Task.FromResult(new PostgresStatus(running, running ? pm?.Port : null, running ? pm?.Pid : null,
            layout.DataDir, layout.ClusterDir, running ? owner : null));
    }

    // ---------------------------------------------------------------- databases

    /// <summary>Creates the database if needed (tolerating a concurrent creator) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        await using (var conn = new NpgsqlConnection(ConnectionString))
        {
            await conn.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn);
            exists.Parameters.AddWithValue(name);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                try
                {
                    var quoted = "\"" + name.Replace("\"", "\"\"") + "\"";
                    await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", conn);
                    await create.ExecuteNonQueryAsync(ct);
                }
                // 42P04 duplicate_database; 23505 when two CREATEs race on the pg_database unique index.
                catch (PostgresException e) when (e.SqlState is "42P04" or "23505")
                {
                }
            }
        }
        return BuildConnectionString(Port, _password, name);
    }

    // ---------------------------------------------------------------- helpers

    private static string BuildConnectionString(int port, string password, string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = UserName,
            Password = password,
            Database = database,
            // Lets the owner tell its own connections from other processes' when deciding whether to stop.
            ApplicationName = ApplicationName,
        }.ConnectionString;

    private static readonly string ApplicationName = $"skillsledger:{Environment.ProcessId}";

    private static async Task<bool> WaitUntilReadyAsync(int port, string password, TimeSpan timeout, CancellationToken ct)
    {
        var probe = new NpgsqlConnectionStringBuilder(BuildConnectionString(port, password, "postgres"))
        {
            Pooling = false, // probes must not leave idle connections behind
            Timeout = 3,
        }.ConnectionString;
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var conn = new NpgsqlConnection(probe);
                await conn.OpenAsync(ct);
                return true;
            }
            catch (PostgresException e) when (e.SqlState is "28P01" or "28000")
            {
                throw; // wrong password / not allowed: waiting will not help
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, ct);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                return false;
            }
        }
    }

    /// <summary>Bind port 0 to let the kernel pick a free port; the small reuse race is handled by retrying the start.</summary>
    private static int PickFreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }

    /// <summary>postmaster.pid: line 1 = postmaster pid, line 4 = port.</summary>
    private static (int Pid, int Port)? ReadPostmasterPid(ClusterLayout layout)
    {
        var pid = ReadIntLine(layout.PostmasterPidFile, 0);
        return pid is null ? null : (pid.Value, ReadIntLine(layout.PostmasterPidFile, 3) ?? 0);
    }

    private static int? ReadIntLine(string path, int index)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            return lines.Length > index && int.TryParse(lines[index].Trim(), out var value) ? value : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string ReadFrom(string path, long offset)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string LastLines(string text, int count = 5) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));
}
