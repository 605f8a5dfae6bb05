using System.Data.Common;
using Npgsql;

namespace SkillsLedger.Infrastructure;

/// <summary>The PostgreSQL database the ledger lives in, for the few places that speak SQL directly.</summary>
public sealed class LedgerDatabase(string connectionString) : IAsyncDisposable
{
    /// <summary>Statements each pooled connection of <see cref="Reads"/> keeps prepared (least recently used beyond).</summary>
    public const int ReadStatementsPrepared = 32;

    /// <summary>Connections of <see cref="Reads"/>: twice this machine's cores (the usual sizing for a CPU-bound
    /// PostgreSQL workload; with the embedded database these are the database's cores too), at least 4.</summary>
    public static int ReadPoolSize => Math.Max(4, 2 * Environment.ProcessorCount);

    public string ConnectionString { get; } = connectionString;
    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(connectionString);

    /// <summary>
    /// A second pool for the person-level read routes, which run the same few statements thousands of times a
    /// minute: each connection prepares them after two uses (PostgreSQL stops parsing and planning them), and a
    /// connection going back to the pool is not reset (these reads leave no session state; the reset statement
    /// would also drop the prepared ones). Measured: about a quarter less PostgreSQL CPU per read (docs/operations.md).
    /// The pool is also small (<see cref="ReadPoolSize"/>): each read is a few hundred microseconds of database CPU, so
    /// more connections than the cores can run only add backends competing for them. With 4 instead of Npgsql's 100
    /// (8 clients, 1M events, 2 cores) the closed-loop p99 at the client fell from 15–20 ms to 9–10 ms, throughput rose
    /// by 10–15 % and PostgreSQL's CPU per read by 15–20 % less (docs/operations.md "Person-level reads"); a read
    /// waits for a free connection in the pool instead.
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
        if (!Given("Maximum Pool Size", "Max Pool Size", "MaxPoolSize")) tuned.MaxPoolSize = ReadPoolSize;
        return tuned.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        await Reads.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
