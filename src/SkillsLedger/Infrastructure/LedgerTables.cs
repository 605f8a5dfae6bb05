using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

// The two-argument PostgresqlObjectName constructor is marked obsolete in Weasel 9.49, but its replacement's
// IdentifierUsage type is not public in that version.
#pragma warning disable CS0618

namespace SkillsLedger.Infrastructure;

/// <summary>
/// Tables of our own beside Marten's, created by the same schema migration. They are written in the same
/// transaction as the events they describe.
/// </summary>
public static class LedgerTables
{
    public const string EventIds = "ledger_event_ids";
    public const string Idempotency = "ledger_idempotency";
    public const string Chain = "ledger_chain";
    public const string ApiKeys = "ledger_api_keys";
    public const string AccessLog = "ledger_access_log";
    public const string PersonKeys = "ledger_person_keys";
    public const string XapiStatements = "ledger_xapi_statements";
    public const string XapiDocuments = "ledger_xapi_documents";
    public const string XapiAttachments = "ledger_xapi_attachments";

    /// <summary>xAPI documents (State, Activity Profile, Agent Profile): kind, the scope they belong to, their id, content and ETag.</summary>
    public static Table XapiDocumentTable(string schema)
    {
        var t = new Table(new PostgresqlObjectName(schema, XapiDocuments));
        t.AddColumn<string>("tenant_id").AsPrimaryKey();
        t.AddColumn<string>("kind").AsPrimaryKey();
        t.AddColumn<string>("scope").AsPrimaryKey();
        t.AddColumn<string>("document_id").AsPrimaryKey();
        t.AddColumn<string>("content_type").NotNull();
        t.AddColumn("content", "bytea").NotNull();
        t.AddColumn<string>("etag").NotNull();
        t.AddColumn<DateTimeOffset>("updated").NotNull();
        return t;
    }

    /// <summary>
    /// xAPI statements as stored (exact JSON, text so it is returned byte for byte) with the columns the statement
    /// filters use; seq orders them by arrival (stored) for paging and consistent-through.
    /// </summary>
    public static Table XapiStatementTable(string schema)
    {
        var t = new Table(new PostgresqlObjectName(schema, XapiStatements));
        t.AddColumn<string>("tenant_id").AsPrimaryKey();
        t.AddColumn<string>("statement_id").AsPrimaryKey();
        t.AddColumn("seq", "bigserial").NotNull();
        t.AddColumn<DateTimeOffset>("stored").NotNull();
        t.AddColumn<string>("verb").NotNull();
        t.AddColumn<string>("actor_key").NotNull();
        t.AddColumn<string>("object_agent");
        t.AddColumn<string>("activity");
        t.AddColumn<string>("registration");
        // Every agent and activity the statement mentions anywhere (related_agents, related_activities).
        t.AddColumn("agents", "text[]").NotNull();
        t.AddColumn("activities", "text[]").NotNull();
        // The statement a StatementRef object points at (a voiding statement's target among them).
        t.AddColumn<string>("target");
        t.AddColumn<bool>("voided").NotNull();
        t.AddColumn<string>("statement").NotNull();
        // What became of it as ledger evidence (Xapi/Evidence/EvidenceState.cs): derived, not_evidence, held_back:REASON.
        t.AddColumn<string>("evidence");
        // Set by an erasure of the actor's person: the statement's personal fields were redacted (Xapi/StatementErasure.cs).
        t.AddColumn<bool>("erased").NotNull().DefaultValueByExpression("false");
        t.AddColumn<string>("person_id");
        // The SHA-2 (lowercase hex) of every attachment the statement names: whose content an erasure removes.
        t.AddColumn("attachment_hashes", "text[]");
        t.Indexes.Add(new IndexDefinition("ix_xapi_seq") { Columns = ["tenant_id", "seq"] });
        return t;
    }

    /// <summary>One AES-256 key per person; erasure sets it to null (crypto-shredding). Kept apart from the events.</summary>
    public static Table PersonKeyTable(string schema)
    {
        var t = new Table(new PostgresqlObjectName(schema, PersonKeys));
        t.AddColumn<string>("tenant_id").AsPrimaryKey();
        t.AddColumn<string>("person_id").AsPrimaryKey();
        t.AddColumn("key", "bytea");
        t.AddColumn<DateTimeOffset>("created_at").NotNull();
        t.AddColumn<DateTimeOffset>("erased_at");
        return t;
    }

    /// <summary>Who read person-level data, when, through which route (GDPR accountability).</summary>
    public static Table AccessLogTable(string schema)
    {
        var t = new Table(new PostgresqlObjectName(schema, AccessLog));
        t.AddColumn("id", "bigserial").AsPrimaryKey();
        t.AddColumn<string>("tenant_id").NotNull();
        t.AddColumn<DateTimeOffset>("at").NotNull();
        t.AddColumn<string>("who").NotNull();
        t.AddColumn<string>("method").NotNull();
        t.AddColumn<string>("route").NotNull();
        t.AddColumn<string>("path").NotNull();
        t.AddColumn<string>("person_id");
        t.AddColumn<string>("team");
        t.AddColumn<int>("status").NotNull();
        t.Indexes.Add(new IndexDefinition("ix_access_person") { Columns = ["tenant_id", "person_id", "at"] });
        return t;
    }

    /// <summary>API keys: only a salted SHA-256 of the secret is kept; the key itself is shown once.</summary>
    public static Table ApiKeyTable(string schema)
    {
        var t = new Table(new PostgresqlObjectName(schema, ApiKeys));
        t.AddColumn<string>("key_id").AsPrimaryKey();
        t.AddColumn<string>("tenant_id").NotNull();
        t.AddColumn<string>("role").NotNull();
        t.AddColumn<string>("name").NotNull();
        t.AddColumn("salt", "bytea").NotNull();
        t.AddColumn("hash", "bytea").NotNull();
        t.AddColumn<DateTimeOffset>("created_at").NotNull();
        t.AddColumn<DateTimeOffset>("revoked_at");
        // The one person an employee key may read (null for every other role).
        t.AddColumn<string>("person_id");
        return t;
    }
    public const string ChainHead = "ledger_chain_head";

    /// <summary>One link of each organisation's hash chain per event (see Chain/HashChain).</summary>
    public static Table ChainTable(string schema)
    {
        var t = new Table(new PostgresqlObjectName(schema, Chain));
        t.AddColumn<string>("tenant_id").AsPrimaryKey();
        t.AddColumn<long>("seq").AsPrimaryKey();
        t.AddColumn("hash", "bytea").NotNull();
        return t;
    }

    /// <summary>Each organisation's chain head; its row lock orders appends within the organisation.</summary>
    public static Table ChainHeadTable(string schema)
    {
        var t = new Table(new PostgresqlObjectName(schema, ChainHead));
        t.AddColumn<string>("tenant_id").AsPrimaryKey();
        t.AddColumn<long>("seq").NotNull();
        t.AddColumn<long>("count").NotNull();
        t.AddColumn("hash", "bytea").NotNull();
        return t;
    }

    /// <summary>Every stored event's client id, unique per organisation: the basis of duplicate detection and retraction lookup.</summary>
    public static Table EventIdTable(string schema)
    {
        var t = new Table(new PostgresqlObjectName(schema, EventIds));
        t.AddColumn<string>("tenant_id").AsPrimaryKey();
        t.AddColumn<string>("event_id").AsPrimaryKey();
        t.AddColumn<string>("type").NotNull();
        t.AddColumn<string>("stream_key").NotNull();
        t.AddColumn<long>("seq").NotNull();
        return t;
    }

    /// <summary>First response to each Idempotency-Key, replayed when the same key and body come again.</summary>
    public static Table IdempotencyTable(string schema)
    {
        var t = new Table(new PostgresqlObjectName(schema, Idempotency));
        t.AddColumn<string>("tenant_id").AsPrimaryKey();
        t.AddColumn<string>("key").AsPrimaryKey();
        t.AddColumn<string>("request_hash").NotNull();
        t.AddColumn<int>("status").NotNull();
        // text, not jsonb: a replay must return the first response byte for byte.
        t.AddColumn<string>("response").NotNull();
        t.AddColumn<DateTimeOffset>("created_at").NotNull();
        return t;
    }

    /// <summary>
    /// xAPI attachment content (raw multipart parts) by organisation and SHA-2 of the content (lowercase hex): written
    /// once, in the transaction of the statements naming it, never updated. The statements' hash events cover the sha2
    /// they name; `verify` checks each row's content against its key.
    /// </summary>
    public static Table XapiAttachmentTable(string schema)
    {
        var t = new Table(new PostgresqlObjectName(schema, XapiAttachments));
        t.AddColumn<string>("tenant_id").AsPrimaryKey();
        t.AddColumn<string>("sha2").AsPrimaryKey();
        t.AddColumn("content", "bytea").NotNull();
        t.AddColumn<DateTimeOffset>("stored").NotNull();
        return t;
    }
}
