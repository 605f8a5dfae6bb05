using Marten;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;

namespace SkillsLedger.Cli;

/// <summary>What a writing CLI verb needs: the migrated store, the database and the one write path.</summary>
public sealed class CliLedger : IAsyncDisposable
{
    private CliLedger(DocumentStore store, LedgerDatabase database)
    {
        Store = store;
        Database = database;
        Appender = new LedgerAppender(store, database, TimeProvider.System);
    }

    public DocumentStore Store { get; }
    public LedgerDatabase Database { get; }
    public LedgerAppender Appender { get; }

    public static async Task<CliLedger> OpenAsync(string connectionString, CancellationToken ct) =>
        new(await LedgerStoreFactory.CreateAsync(connectionString, ct), new LedgerDatabase(connectionString));

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Store.Dispose();
    }
}
