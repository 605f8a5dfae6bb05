using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SkillsLedger.Database;

/// <summary>Where one data directory keeps its cluster and files.</summary>
internal sealed record ClusterLayout(string DataDir, string ClusterDir)
{
    public string PasswordFile => Path.Combine(DataDir, "password");
    public string OwnerPidFile => Path.Combine(DataDir, "owner.pid");
    public string LockFile => Path.Combine(DataDir, "launcher.lock");
    public string PointerFile => Path.Combine(DataDir, "cluster-path");
    public string PostmasterPidFile => Path.Combine(ClusterDir, "postmaster.pid");
    public bool IsInitialized => File.Exists(Path.Combine(ClusterDir, "PG_VERSION"));

    /// <summary>Beside the cluster, so that it is writable by the server user even in the /var/tmp fallback.</summary>
    public string LogFile => Path.Combine(Path.GetDirectoryName(ClusterDir)!, "postgres.log");

    /// <summary>Layout as recorded on disk: the cluster-path pointer if any, else dataDir/pg.</summary>
    public static ClusterLayout Recorded(string dataDir)
    {
        var pointer = Path.Combine(dataDir, "cluster-path");
        var cluster = File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : Path.Combine(dataDir, "pg");
        return new ClusterLayout(dataDir, cluster);
    }

    /// <summary>Fallback used as root when the postgres user cannot reach dataDir (e.g. under /root).</summary>
    public static string FallbackRoot(string dataDir)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataDir)));
        return Path.Combine("/var/tmp", "skillsledger-pg-" + hash[..16]);
    }
}

internal sealed record ProcessResult(int ExitCode, string Output)
{
    public bool Ok => ExitCode == 0;
}

/// <summary>
/// Runs server binaries. PostgreSQL refuses to run as root, so as root every command goes through
/// <c>runuser -u postgres --</c> and the files the server writes are chowned to that user.
/// </summary>
internal sealed class PostgresHost
{
    private const string ServiceUser = "postgres";
    private readonly Action<string>? _log;

    private PostgresHost(bool runAsServiceUser, Action<string>? log)
    {
        RunAsServiceUser = runAsServiceUser;
        _log = log;
    }

    public bool RunAsServiceUser { get; }

    public static async Task<PostgresHost> CreateAsync(Action<string>? log, CancellationToken ct)
    {
        var host = new PostgresHost(IsRoot(), log);
        if (host.RunAsServiceUser && !(await RunRawAsync("id", ["-u", ServiceUser], "/", ct)).Ok)
            throw new InvalidOperationException(
                "Running as root, but the 'postgres' user does not exist (PostgreSQL refuses to run as root): " +
                "install the server package (apt-get install postgresql) or run as a non-root user");
        return host;
    }

    /// <summary>Effective uid from /proc (no P/Invoke needed); falls back to the user name elsewhere.</summary>
    private static bool IsRoot()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            var uidLine = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            var fields = uidLine?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields is { Length: >= 3 })
                return fields[2] == "0"; // Uid: real effective saved fs
        }
        return Environment.UserName == "root";
    }

    /// <summary>Decides where the cluster lives; as root it may move to /var/tmp (see <see cref="ClusterLayout.FallbackRoot"/>).</summary>
    public async Task<ClusterLayout> ResolveLayoutAsync(string dataDir, CancellationToken ct)
    {
        var recorded = ClusterLayout.Recorded(dataDir);
        if (File.Exists(recorded.PointerFile) || recorded.IsInitialized || !RunAsServiceUser)
            return recorded;
        if (await ServiceUserCanTraverseAsync(dataDir, ct))
            return recorded;

        var fallback = ClusterLayout.FallbackRoot(dataDir);
        _log?.Invoke($"postgres user cannot reach {dataDir}; placing the cluster in {fallback}");
        await PrepareFallbackDirAsync(fallback, ct);
        var layout = new ClusterLayout(dataDir, Path.Combine(fallback, "pg"));
        File.WriteAllText(layout.PointerFile, layout.ClusterDir + "\n");
        return layout;
    }

    private async Task<bool> ServiceUserCanTraverseAsync(string dir, CancellationToken ct) =>
        (await RunAsync("test", ["-x", dir], "/", ct)).Ok;

    /// <summary>
    /// /var/tmp is world-writable, so an existing directory must already belong to postgres;
    /// otherwise someone else could have planted it.
    /// </summary>
    private async Task PrepareFallbackDirAsync(string dir, CancellationToken ct)
    {
        if (Directory.Exists(dir))
        {
            var owner = await RunRawAsync("stat", ["-c", "%U", dir], "/", ct);
            if (owner.Output.Trim() != ServiceUser)
                throw new InvalidOperationException($"{dir} exists but is not owned by {ServiceUser}; remove it and retry");
        }
        CreatePrivateDirectory(dir);
        await ChownAsync(dir, recursive: false, ct);
    }

    /// <summary>Mode 0700: PostgreSQL refuses a data directory that others can read.</summary>
    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Gives a path to the server user (no-op when not root).</summary>
    public async Task ChownAsync(string path, bool recursive, CancellationToken ct)
    {
        if (!RunAsServiceUser)
            return;
        string[] args = recursive ? ["-R", ServiceUser + ":", path] : [ServiceUser + ":", path];
        var result = await RunRawAsync("chown", args, "/", ct);
        if (!result.Ok)
            throw new InvalidOperationException($"chown {path} failed: {result.Output.Trim()}");
    }

    /// <summary>Runs a server binary as the user the server runs as.</summary>
    public Task<ProcessResult> RunAsync(string exe, IReadOnlyList<string> args, string workDir, CancellationToken ct) =>
        RunAsServiceUser
            ? RunRawAsync("runuser", ["-u", ServiceUser, "--", exe, .. args], workDir, ct)
            : RunRawAsync(exe, args, workDir, ct);

    /// <summary>
    /// Runs a command and captures stdout+stderr. Safe with pg_ctl start because the postmaster's
    /// output goes to the -l log file, so it does not keep our pipes open.
    /// </summary>
    private static async Task<ProcessResult> RunRawAsync(string exe, IReadOnlyList<string> args, string workDir, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir, // must be reachable by the postgres user when running as root
        };
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {exe}");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }
        return new ProcessResult(process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>Linux /proc helpers for liveness checks and cleaning up after a SIGKILLed postmaster.</summary>
internal static class ProcFs
{
    /// <summary>True for a running process; zombies (killed but not yet reaped) count as dead.</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0)
            return false;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0]; // comm may contain spaces/parens
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Guards against a recycled pid in a stale postmaster.pid belonging to some other program.</summary>
    public static bool IsPostgres(int pid) => IsAlive(pid) && ReadOrEmpty($"/proc/{pid}/comm").Trim() == "postgres";

    /// <summary>
    /// Server processes of this cluster. Backends rewrite their command line ("postgres: checkpointer"),
    /// so besides the postmaster's "-D cluster" we also match on the working directory, which every
    /// server process sets to the cluster directory.
    /// </summary>
    public static IEnumerable<int> ServerProcesses(string clusterDir)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || !IsPostgres(pid))
                continue;
            var cmdline = ReadOrEmpty($"/proc/{pid}/cmdline").Replace('\0', ' ');
            string? cwd = null;
            try { cwd = new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget; }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            if (cmdline.Contains(clusterDir, StringComparison.Ordinal) || cwd == clusterDir)
                yield return pid;
        }
    }

    public static void Kill(int pid)
    {
        try { using var p = Process.GetProcessById(pid); p.Kill(); }
        catch (ArgumentException) { } // already gone
        catch (InvalidOperationException) { }
    }

    private static string ReadOrEmpty(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }
}

/// <summary>
/// Cross-process mutex on dataDir/launcher.lock. FileShare.None maps to an exclusive flock on Unix,
/// which the kernel releases even if the holder is SIGKILLed, so a crash never leaves it stuck.
/// </summary>
internal static class LauncherLock
{
    public static async Task<FileStream> AcquireAsync(string path, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, ct);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"could not lock {path} within {timeout.TotalSeconds:0} s", e);
            }
        }
    }
}
