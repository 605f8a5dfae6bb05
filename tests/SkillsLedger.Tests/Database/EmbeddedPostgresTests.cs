using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using SkillsLedger.Database;
using Xunit;
using Xunit.Abstractions;

namespace SkillsLedger.Tests.Database;

/// <summary>
/// Runs the real PostgreSQL binaries. Each test has its own data dir and kills whatever server is
/// left over in teardown, so a failing test cannot leak a postmaster into the next one.
/// </summary>
[UnsupportedOSPlatform("windows")] // real Linux PostgreSQL binaries, /proc
public sealed class EmbeddedPostgresTests : IAsyncLifetime
{
    // Durability off is fine for throwaway test clusters; never the default.
    private static readonly EmbeddedPostgresOptions TestOptions = new()
    {
        Settings = new Dictionary<string, string> { ["fsync"] = "off", ["synchronous_commit"] = "off" },
        MaxConnections = 300,
    };

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "skillsledger-pg-test-" + Guid.NewGuid().ToString("N"));
    private readonly List<Process> _children = new();
    private readonly ITestOutputHelper _output;

    public EmbeddedPostgresTests(ITestOutputHelper output) => _output = output;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var child in _children)
        {
            if (!child.HasExited) child.Kill();
            child.Dispose();
        }
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await EmbeddedPostgres.StopAsync(_dataDir, TestOptions, ct: cts.Token);
        }
        catch (Exception)
        {
            // fall through to the hard kill below
        }
        var clusterDir = (await EmbeddedPostgres.StatusAsync(_dataDir)).ClusterPath;
        if (PostmasterPid(clusterDir) is int pid)
            KillTree(pid);
        if (clusterDir.StartsWith("/var/tmp/skillsledger-pg-", StringComparison.Ordinal))
            TryDelete(Path.GetDirectoryName(clusterDir)!);
        TryDelete(_dataDir);
    }

    [Fact]
    public async Task Start_Connect_SelectOne_DisposeStopsServer()
    {
        var pg = await EmbeddedPostgres.StartOrAttachAsync(_dataDir, TestOptions);
        Assert.True(pg.OwnsServer);
        Assert.Equal(1, await ScalarAsync<int>(pg.ConnectionString, "SELECT 1"));
        var status = await EmbeddedPostgres.StatusAsync(_dataDir);
        Assert.True(status.Running);
        Assert.Equal(pg.Port, status.Port);
        Assert.Equal(Environment.ProcessId, status.OwnerPid);
        var pid = status.Pid!.Value;

        await pg.DisposeAsync();

        Assert.False(File.Exists(Path.Combine(status.ClusterPath, "postmaster.pid")));
        Assert.False(IsAlive(pid));
        Assert.False(File.Exists(Path.Combine(_dataDir, "owner.pid")));
    }

    [Fact]
    public async Task SecondStartOrAttach_AttachesAndDoesNotStopOnDispose()
    {
        await using var first = await EmbeddedPostgres.StartOrAttachAsync(_dataDir, TestOptions);
        var second = await EmbeddedPostgres.StartOrAttachAsync(_dataDir, TestOptions);

        Assert.Equal(first.Port, second.Port);
        Assert.False(second.OwnsServer);
        Assert.Equal(first.ConnectionString, second.ConnectionString);

        await second.DisposeAsync();

        Assert.True((await EmbeddedPostgres.StatusAsync(_dataDir)).Running);
        Assert.Equal(1, await ScalarAsync<int>(first.ConnectionString, "SELECT 1"));
    }

    [Fact]
    public async Task PasswordFileIsPrivate_AndWrongPasswordIsRefused()
    {
        await using var pg = await EmbeddedPostgres.StartOrAttachAsync(_dataDir, TestOptions);

        var mode = File.GetUnixFileMode(Path.Combine(_dataDir, "password"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.True(File.ReadAllText(Path.Combine(_dataDir, "password")).Trim().Length >= 43); // 32 bytes base64url

        var wrong = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Password = "wrong", Pooling = false };
        await using var conn = new NpgsqlConnection(wrong.ConnectionString);
        var error = await Assert.ThrowsAsync<PostgresException>(() => conn.OpenAsync());
        Assert.Equal("28P01", error.SqlState); // invalid_password: scram auth, not trust
    }

    [Fact]
    public async Task ListensOnLoopbackOnly_WithoutUnixSockets()
    {
        await using var pg = await EmbeddedPostgres.StartOrAttachAsync(_dataDir, TestOptions);

        Assert.Equal("127.0.0.1", await ScalarAsync<string>(pg.ConnectionString, "SHOW listen_addresses"));
        Assert.Equal("", await ScalarAsync<string>(pg.ConnectionString, "SHOW unix_socket_directories"));
        Assert.Equal("300", await ScalarAsync<string>(pg.ConnectionString, "SHOW max_connections"));
        Assert.Equal("off", await ScalarAsync<string>(pg.ConnectionString, "SHOW fsync"));
    }

    [Fact]
    public async Task DefaultOptions_KeepDurabilityAndUse200Connections()
    {
        await using var pg = await EmbeddedPostgres.StartOrAttachAsync(_dataDir);

        Assert.Equal("on", await ScalarAsync<string>(pg.ConnectionString, "SHOW fsync"));
        Assert.Equal("200", await ScalarAsync<string>(pg.ConnectionString, "SHOW max_connections"));
    }

    [Fact]
    public async Task OwnerKilled_AttacherAdoptsServer_AndStopsItOnDispose()
    {
        // The server is "owned" by a throwaway process instead of a second dotnet process.
        var started = await EmbeddedPostgres.StartOrAttachAsync(_dataDir, TestOptions);
        var owner = StartChild("sleep", "600");
        File.WriteAllText(Path.Combine(_dataDir, "owner.pid"), owner.Id + "\n");

        var whileOwnerAlive = await EmbeddedPostgres.StartOrAttachAsync(_dataDir, TestOptions);
        Assert.False(whileOwnerAlive.OwnsServer);

        owner.Kill(); // SIGKILL
        owner.WaitForExit();

        var adopter = await EmbeddedPostgres.StartOrAttachAsync(_dataDir, TestOptions);
        Assert.True(adopter.OwnsServer);
        Assert.Equal(started.Port, adopter.Port);
        Assert.Equal(Environment.ProcessId.ToString(), File.ReadAllText(Path.Combine(_dataDir, "owner.pid")).Trim());
        var pid = (await EmbeddedPostgres.StatusAsync(_dataDir)).Pid!.Value;

        await adopter.DisposeAsync();

        Assert.False(IsAlive(pid));
        Assert.False((await EmbeddedPostgres.StatusAsync(_dataDir)).Running);
    }

    [Theory]
    [InlineData(true)]  // postmaster and its backends SIGKILLed
    [InlineData(false)] // only the postmaster: orphaned backends may still hold shared memory
    public async Task PostmasterKilled_StartsAgain_AndKeepsData(bool killBackendsToo)
    {
        var pg = await EmbeddedPostgres.StartOrAttachAsync(_dataDir, TestOptions);
        await ExecuteAsync(pg.ConnectionString, "CREATE TABLE ledger_entry (id int PRIMARY KEY, note text)");
        await ExecuteAsync(pg.ConnectionString, "INSERT INTO ledger_entry VALUES (1, 'kept')");
        await ExecuteAsync(pg.ConnectionString, "CHECKPOINT");
        var pid = (await EmbeddedPostgres.StatusAsync(_dataDir)).Pid!.Value;

        if (killBackendsToo)
            KillTree(pid);
        else
            Kill(pid);
        await WaitUntilAsync(() => !IsAlive(pid));

        await using var restarted = await EmbeddedPostgres.StartOrAttachAsync(_dataDir, TestOptions, _output.WriteLine);
        Assert.True(restarted.OwnsServer);
        Assert.Equal("kept", await ScalarAsync<string>(restarted.ConnectionString, "SELECT note FROM ledger_entry WHERE id = 1"));
    }

    [Fact]
    public async Task MissingBinaries_ThrowDedicatedException()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dataDir + "-nobin")).FullName;
        try
        {
            var options = TestOptions with { BinarySearchDirectories = [empty] };
            var error = await Assert.ThrowsAsync<PostgresBinariesNotFoundException>(
                () => EmbeddedPostgres.StartOrAttachAsync(_dataDir, options));
            Assert.DoesNotContain('\n', error.Message);
            Assert.Contains("apt-get install postgresql", error.Message);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public async Task DetachedStart_SurvivesDispose_AndStaticStopEndsIt()
    {
        var pg = await EmbeddedPostgres.StartDetachedAsync(_dataDir, TestOptions);
        Assert.False(pg.OwnsServer);
        Assert.False(File.Exists(Path.Combine(_dataDir, "owner.pid")));
        await pg.DisposeAsync();

        // An attacher must not adopt a detached server (there is no dead owner to replace).
        await using (var attached = await EmbeddedPostgres.StartOrAttachAsync(_dataDir, TestOptions))
            Assert.False(attached.OwnsServer);

        var status = await EmbeddedPostgres.StatusAsync(_dataDir);
        Assert.True(status.Running);
        Assert.Equal(pg.Port, status.Port);
        Assert.Null(status.OwnerPid);

        Assert.True(await EmbeddedPostgres.StopAsync(_dataDir, TestOptions));
        Assert.False((await EmbeddedPostgres.StatusAsync(_dataDir)).Running);
        Assert.False(await EmbeddedPostgres.StopAsync(_dataDir, TestOptions));
    }

    [Fact]
    public async Task CreateDatabase_IsIdempotentUnderConcurrency()
    {
        await using var pg = await EmbeddedPostgres.StartOrAttachAsync(_dataDir, TestOptions);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => pg.CreateDatabaseAsync("test_db_1")));

        Assert.All(results, cs => Assert.Equal(results[0], cs));
        Assert.Equal("test_db_1", await ScalarAsync<string>(results[0], "SELECT current_database()"));
    }

    [Fact]
    public void BuildUrl_EncodesPassword()
    {
        Assert.Equal("postgresql://ledger:a%2Fb%40c@127.0.0.1:5433/skills", EmbeddedPostgres.BuildUrl(5433, "a/b@c", "skills"));
    }

    [Fact]
    public async Task AsRoot_DataDirUnreachableByPostgres_UsesVarTmpCluster()
    {
        if (Environment.UserName != "root")
            return; // only meaningful as root
        // A 0700 root-owned parent, like /root: the postgres user cannot traverse it.
        var parent = _dataDir + "-private";
        Directory.CreateDirectory(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var dataDir = Path.Combine(parent, "data");
        EmbeddedPostgres? pg = null;
        try
        {
            pg = await EmbeddedPostgres.StartOrAttachAsync(dataDir, TestOptions);
            var pointer = File.ReadAllText(Path.Combine(dataDir, "cluster-path")).Trim();
            Assert.StartsWith("/var/tmp/skillsledger-pg-", pointer);
            Assert.Equal(pointer, (await EmbeddedPostgres.StatusAsync(dataDir)).ClusterPath);
            Assert.Equal(1, await ScalarAsync<int>(pg.ConnectionString, "SELECT 1"));
        }
        finally
        {
            if (pg is not null) await pg.DisposeAsync();
            var cluster = (await EmbeddedPostgres.StatusAsync(dataDir)).ClusterPath;
            if (PostmasterPid(cluster) is int pid) KillTree(pid);
            if (cluster.StartsWith("/var/tmp/", StringComparison.Ordinal)) TryDelete(Path.GetDirectoryName(cluster)!);
            TryDelete(parent);
        }
    }

    // ---------------------------------------------------------------- helpers

    private Process StartChild(string file, string arg)
    {
        var child = Process.Start(new ProcessStartInfo(file, arg) { UseShellExecute = false })!;
        _children.Add(child);
        return child;
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            await Task.Delay(50);
        }
    }

    private static int? PostmasterPid(string clusterDir)
    {
        var file = Path.Combine(clusterDir, "postmaster.pid");
        return File.Exists(file) && int.TryParse(File.ReadLines(file).FirstOrDefault(), out var pid) ? pid : null;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL a process and its direct children (the postmaster's backends).</summary>
    private static void KillTree(int pid)
    {
        var children = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0)
            .Where(p => p > 0 && ParentOf(p) == pid)
            .ToList();
        Kill(pid);
        children.ForEach(Kill);
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1]); // state, ppid, ...
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return null;
        }
    }

    private static void Kill(int pid)
    {
        try { using var p = Process.GetProcessById(pid); p.Kill(); }
        catch (ArgumentException) { }
        catch (InvalidOperationException) { }
    }

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
