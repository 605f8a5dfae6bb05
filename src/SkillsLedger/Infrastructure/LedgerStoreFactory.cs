using Marten;

namespace SkillsLedger.Infrastructure;

/// <summary>A document store for the CLI verbs that do not run the HTTP host (import, demo).</summary>
public static class LedgerStoreFactory
{
    public static async Task<DocumentStore> CreateAsync(string connectionString, CancellationToken ct = default)
    {
        var store = DocumentStore.For(o =>
        {
            LedgerStoreConfiguration.Configure(o, connectionString);
            // `serve` runs the async daemon, and `rebuild` drives one itself. Left "Disabled", Marten prints a
            // two-line warning on stdout for every verb (into a script's output), about a daemon no verb wants.
            o.Projections.AsyncMode = JasperFx.Events.Daemon.DaemonMode.ExternallyManaged;
        });
        await SkillsLedger.Projections.Analytics.AnalyticsSchema.ApplyAsync(store, connectionString, ct);
        return store;
    }
}
