namespace SkillsLedger.Projections.EventStore;

/// <summary>
/// Whether Marten's event store has been created in the database, for the readiness probe and the start-up's schema
/// check. Raw SQL so each caller folds it into its own one-statement check (as a scalar subquery); Marten's API would
/// create the tables it looks for (<c>EnsureStorageExistsAsync</c>) rather than say whether they are there.
/// </summary>
public static class EventStoreSchema
{
    /// <summary>True when the events table exists.</summary>
    public static readonly string EventsTableExists = $"select to_regclass('{MartenTables.Events}') is not null";
}
