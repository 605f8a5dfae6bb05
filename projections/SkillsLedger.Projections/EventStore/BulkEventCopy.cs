namespace SkillsLedger.Projections.EventStore;

/// <summary>
/// The statements of the bulk import's storage step (<c>Ingestion.MartenEventCopy</c>), which writes person events into
/// Marten's tables as a Rich append would, but with one binary COPY per chunk. Raw SQL for speed: Marten's
/// <c>BulkInsertEventsAsync</c> writes new streams only (its documentation: no appending to existing streams), and its
/// ordinary appends are several times slower than one COPY (import ratio to raw COPY: docs/performance.md). The caller
/// holds the organisation's chain-head lock, which keeps the stream versions read here from going stale.
/// </summary>
public static class BulkEventCopy
{
    /// <summary>The current version of each stream of organisation $1 named in $2 (text[]) that exists: id, version.</summary>
    public static readonly string StreamVersions = $"select id, version from {MartenTables.Streams} where tenant_id = $1 and id = any($2)";

    /// <summary>
    /// $1 numbers from Marten's own sequence (so later Marten appends continue after them), each with the server's
    /// clock, which Marten's own appends use as the recorded time. Not necessarily in order.
    /// </summary>
    public static readonly string ReserveSequences = $"select nextval('{MartenTables.EventSequence}'), clock_timestamp() from generate_series(1, $1)";

    /// <summary>New streams of organisation $1: keys $2 (text[]) at versions $3 (bigint[]), as Marten creates them for string keys without an aggregate type (type null, timestamps now()).</summary>
    public static readonly string InsertStreams =
        $"insert into {MartenTables.Streams} (tenant_id, id, version) select $1, * from unnest($2::text[], $3::bigint[])";

    /// <summary>Existing streams of organisation $1 advanced: keys $2 (text[]) to versions $3 (bigint[]).</summary>
    public static readonly string AdvanceStreams =
        $"update {MartenTables.Streams} s set version = v.version, timestamp = now() from unnest($2::text[], $3::bigint[]) v(id, version) " +
        "where s.tenant_id = $1 and s.id = v.id";

    /// <summary>
    /// The binary COPY of the events, one row each in this column order: seq_id bigint, id uuid, stream_id varchar,
    /// version bigint, data jsonb, type varchar, timestamp timestamptz, tenant_id varchar, mt_dotnet_type varchar,
    /// correlation_id varchar, user_name varchar.
    /// </summary>
    public static readonly string CopyEvents =
        $"copy {MartenTables.Events} (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, user_name) " +
        "from stdin (format binary)";

    /// <summary>The stored jsonb text (seq_id, data::text) of organisation $1's events with sequences $2 (bigint[]): the check that the copy stored what was hashed.</summary>
    public static readonly string StoredText = $"select seq_id, data::text from {MartenTables.Events} where tenant_id = $1 and seq_id = any($2)";
}
