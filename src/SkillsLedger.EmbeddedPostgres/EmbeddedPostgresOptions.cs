using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SkillsLedger.Database;

/// <summary>Optional knobs for <see cref="EmbeddedPostgres"/>. Defaults suit a real ledger (durable writes).</summary>
public sealed record EmbeddedPostgresOptions
{
    public static readonly EmbeddedPostgresOptions Default = new();

    /// <summary>Server max_connections. 200 leaves room for several processes sharing one server.</summary>
    public int MaxConnections { get; init; } = 200;

    /// <summary>
    /// Extra <c>-c name=value</c> server settings, e.g. fsync=off for tests. Never set by default:
    /// turning off durability is a caller's explicit choice.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Directories searched for initdb/pg_ctl/postgres. Null means PATH, then /usr/lib/postgresql/*/bin.
    /// Injectable so tests can simulate missing binaries.
    /// </summary>
    public IReadOnlyList<string>? BinarySearchDirectories { get; init; }

    /// <summary>How long to wait for the server to accept connections, and for launcher.lock.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>What <see cref="EmbeddedPostgres.StatusAsync"/> reports for a data directory.</summary>
/// <param name="Running">A live postmaster is recorded in postmaster.pid.</param>
/// <param name="ClusterPath">Directory holding the cluster (dataDir/pg, or the /var/tmp fallback as root).</param>
/// <param name="OwnerPid">Process that will stop the server when it exits; null for detached starts.</param>
public sealed record PostgresStatus(bool Running, int? Port, int? Pid, string DataDir, string ClusterPath, int? OwnerPid);

/// <summary>initdb/pg_ctl could not be found. Callers map this to exit code 2.</summary>
public sealed class PostgresBinariesNotFoundException : Exception
{
    public PostgresBinariesNotFoundException()
        : base("PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin: " +
               "install them (Debian/Ubuntu: apt-get install postgresql) or pass --db / SKILLSLEDGER_DB")
    {
    }
}

/// <summary>Absolute paths of the server binaries used by the launcher.</summary>
internal sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    private const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>
    /// First directory holding both initdb and pg_ctl. pg_ctl finds its own postgres next to its
    /// (symlink-resolved) location, so we do not need the postgres path ourselves.
    /// </summary>
    public static PostgresBinaries Locate(IReadOnlyList<string>? searchDirectories)
    {
        foreach (var dir in searchDirectories ?? DefaultSearchDirectories())
        {
            var initDb = Path.Combine(dir, "initdb");
            var pgCtl = Path.Combine(dir, "pg_ctl");
            if (IsExecutable(initDb) && IsExecutable(pgCtl))
                return new PostgresBinaries(Path.GetFullPath(initDb), Path.GetFullPath(pgCtl));
        }
        throw new PostgresBinariesNotFoundException();
    }

    private static IEnumerable<string> DefaultSearchDirectories()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            yield return dir;
        if (!Directory.Exists(DebianRoot))
            yield break;
        // Highest major version first; names are "15", "16", or old-style "9.6".
        var versions = Directory.GetDirectories(DebianRoot)
            .Select(d => (Dir: d, Ok: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v), Version: v))
            .Where(x => x.Ok)
            .OrderByDescending(x => x.Version);
        foreach (var v in versions)
            yield return Path.Combine(v.Dir, "bin");
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
            return false;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
