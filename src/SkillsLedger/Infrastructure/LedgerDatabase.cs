using Npgsql;

namespace SkillsLedger.Infrastructure;

/// <summary>The PostgreSQL database the ledger lives in, for the few places that speak SQL directly.</summary>
public sealed class LedgerDatabase(string connectionString) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;
    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(connectionString);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
