using System.Data.Common;
using Npgsql;

namespace SkillsLedger.Infrastructure;

/// <summary>The PostgreSQL database the ledger lives in, for the few places that speak SQL directly.</summary>
public sealed class LedgerDatabase(string connectionString) : IAsyncDisposable
{
    /// <summary>Statements each pooled connection of <see cref="Reads"/> keeps prepared (least recently used beyond).</summary>
    public const int ReadStatementsPrepared = 32;

    public string ConnectionString { get; } = connectionString;
    private readonly NpgsqlDataSource _main = NpgsqlDataSource.Create(connectionString);

    /// <summary>
    /// Connections for background figure computations (<see cref="InBackground{T}"/>): PostgreSQL may not spread one of
    /// their queries over parallel workers, so a computation nobody waits for holds at most one core and leaves the
    /// other to the pages people are waiting for (at 100,000 people one parallel query took both cores of the machine).
    /// </summary>
    private readonly NpgsqlDataSource _background = NpgsqlDataSource.Create(WithoutParallelWorkers(connectionString));

    private static string WithoutParallelWorkers(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        b.Options = (string.IsNullOrWhiteSpace(b.Options) ? "" : b.Options + " ") + "-c max_parallel_workers_per_gather=0";
        return b.ConnectionString;
    }

    private readonly AsyncLocal<bool> _inBackground = new();

    /// <summary>The pool for everything (the background one inside <see cref="InBackground{T}"/>).</summary>
    public NpgsqlDataSource DataSource => _inBackground.Value ? _background : _main;

    /// <summary>Runs a computation nobody waits for: its connections from <see cref="DataSource"/> use no parallel workers.</summary>
    public Task<T> InBackground<T>(Func<Task<T>> work) => Task.Run(() =>
    {
        _inBackground.Value = true; // flows into work and what it awaits, not back to the caller
        return work();
    });

    /// <summary>
    /// A second pool for the person-level read routes, which run the same few statements thousands of times a
    /// minute: each connection prepares them after two uses (PostgreSQL stops parsing and planning them), and a
    /// connection going back to the pool is not reset (these reads leave no session state; the reset statement
    /// would also drop the prepared ones). Measured: about a quarter less PostgreSQL CPU per read (docs/operations.md).
    /// Settings written in the connection string win. Writes keep <see cref="DataSource"/>.
    /// </summary>
    public NpgsqlDataSource Reads { get; } = NpgsqlDataSource.Create(ForReads(connectionString));

    public static string ForReads(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Given(params string[] keys) => keys.Any(given.ContainsKey);
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Given("Max Auto Prepare", "MaxAutoPrepare")) tuned.MaxAutoPrepare = ReadStatementsPrepared;
        if (!Given("Auto Prepare Min Usages", "AutoPrepareMinUsages")) tuned.AutoPrepareMinUsages = 2;
        if (!Given("No Reset On Close", "NoResetOnClose")) tuned.NoResetOnClose = true;
        return tuned.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        await Reads.DisposeAsync();
        await _background.DisposeAsync();
        await _main.DisposeAsync();
    }
}
