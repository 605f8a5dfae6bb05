namespace SkillsLedger.Tests.Support;

/// <summary>
/// Test collections that share one started host (LedgerApp) instead of starting one per class: a host start (Wolverine
/// and Marten start-up, schema, projection daemon) costs seconds, and most classes only need the API of a ledger.
/// A class in a shared collection declares <c>[Collection(SharedLedger.X)]</c>, takes the LedgerApp and works in its own
/// organisation: <c>private readonly LedgerApp app = shared.For("its-own-organisation");</c>, so its events, figures and
/// row counts are its own whatever ran before it. Classes of one collection run one after another; the collections run
/// in parallel with each other and with the classes that keep their own host.
/// A class keeps its own host (IClassFixture&lt;LedgerApp&gt;, with a comment why) when it changes the host's options,
/// clock or database schema, starts further hosts on its database, or asserts on something global to the database
/// (the projection's position, all organisations' rows).
/// Several collections rather than one: a collection is one thread, and two cores are kept busy by a few of them.
/// </summary>
public static class SharedLedger
{
    public const string Service = "shared ledger: access, API surface, operations";
    public const string Figures = "shared ledger: figures";
    public const string Ingestion = "shared ledger: ingestion";
    public const string Xapi = "shared ledger: xapi";
}

[CollectionDefinition(SharedLedger.Service)]
public sealed class SharedServiceLedger : ICollectionFixture<LedgerApp>;

[CollectionDefinition(SharedLedger.Figures)]
public sealed class SharedFiguresLedger : ICollectionFixture<LedgerApp>;

[CollectionDefinition(SharedLedger.Ingestion)]
public sealed class SharedIngestionLedger : ICollectionFixture<LedgerApp>;

[CollectionDefinition(SharedLedger.Xapi)]
public sealed class SharedXapiLedger : ICollectionFixture<LedgerApp>;
