namespace SkillsLedger.Projections.EventStore;

/// <summary>
/// The one place that names Marten's own tables and the columns of them we read or write directly in SQL (bulk COPY,
/// set-based rebuilds, the one-round-trip person reads, the hash chain). Marten's public API does everything else.
/// The statements themselves live beside this class, one small class per purpose (PersonStreamReads, ChainReads,
/// OrganisationLogReads, LedgerProgress, ProjectionProgression, StreamListing, EventStoreSchema, BulkEventCopy), each
/// statement a public static string; only the analytics rebuild's set-based SQL (Analytics/AnalyticsRebuildSql*.cs,
/// LevelsAt.cs) names the events table elsewhere. Marten owns these tables: an upgrade may rename or retype a column,
/// so MartenTablesContractTests compares <see cref="Columns"/> with the live database, and
/// MartenStatementsContractTests prepares every statement against it; both fail before any of our SQL does.
/// </summary>
public static class MartenTables
{
    /// <summary>The PostgreSQL schema of the event store and the catalogue documents.</summary>
    public const string Schema = "ledger";

    /// <summary>The events table's own name, for SQL that is given the schema (the rebuild's steps).</summary>
    public const string EventsTable = "mt_events";

    public const string Events = Schema + "." + EventsTable;
    public const string Streams = Schema + ".mt_streams";
    public const string Progression = Schema + ".mt_event_progression";
    public const string EventSequence = Schema + ".mt_events_sequence";
    public const string SkillDefinitions = Schema + ".mt_doc_skilldefinition";
    public const string SkillCatalogueState = Schema + ".mt_doc_skillcataloguestate";

    /// <summary>Every column of Marten's tables our SQL names, with the PostgreSQL type we read or write it as.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Columns =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["mt_events"] = new Dictionary<string, string>
            {
                ["seq_id"] = "bigint", ["id"] = "uuid", ["stream_id"] = "character varying", ["version"] = "bigint",
                ["data"] = "jsonb", ["type"] = "character varying", ["timestamp"] = "timestamp with time zone",
                ["tenant_id"] = "character varying", ["mt_dotnet_type"] = "character varying",
                ["correlation_id"] = "character varying", ["user_name"] = "character varying", ["is_archived"] = "boolean",
            },
            ["mt_streams"] = new Dictionary<string, string>
            {
                ["id"] = "character varying", ["tenant_id"] = "character varying", ["version"] = "bigint",
                ["timestamp"] = "timestamp with time zone", ["is_archived"] = "boolean",
            },
            ["mt_doc_skilldefinition"] = new Dictionary<string, string>
            {
                ["tenant_id"] = "character varying", ["id"] = "character varying", ["data"] = "jsonb",
            },
            ["mt_doc_skillcataloguestate"] = new Dictionary<string, string>
            {
                ["tenant_id"] = "character varying", ["id"] = "character varying", ["data"] = "jsonb",
            },
            ["mt_event_progression"] = new Dictionary<string, string>
            {
                ["name"] = "character varying", ["last_seq_id"] = "bigint", ["last_updated"] = "timestamp with time zone",
                ["failure_category"] = "character varying", ["failure_event_sequence"] = "bigint",
                ["failure_event_type"] = "character varying", ["failure_event_tenant_id"] = "character varying",
            },
        };
}
