using Marten;

namespace SkillsLedger.Infrastructure;

/// <summary>A document store for the CLI verbs that do not run the HTTP host (import, demo).</summary>
public static class LedgerStoreFactory
{
    public static async Task<DocumentStore> CreateAsync(string connectionString, CancellationToken ct = default)
    {
        var store = DocumentStore.For(o => LedgerStoreConfiguration.Configure(o, connectionString));
        await SkillsLedger.Projections.Analytics.AnalyticsSchema.EnsureAsync(connectionString, ct);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return store;
    }
}
