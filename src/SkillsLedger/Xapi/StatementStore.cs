using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Xapi;

/// <summary>
/// The statements of each organisation in ledger_xapi_statements: a batch is written in one transaction (all or
/// nothing), a statement id already stored with a different content is a conflict, a voiding statement marks its
/// target voided in the same transaction.
/// </summary>
public sealed class StatementStore(LedgerDatabase database)
{
    private static readonly string Table = $"{LedgerStoreConfiguration.Schema}.{LedgerTables.XapiStatements}";

    public sealed record Stored(long Seq, string Json, bool Voided);

    public enum Outcome { Stored, Conflict, VoidsVoiding }

    /// <summary>
    /// Inserts the statements inside the caller's transaction (the ledger append that also takes the events derived
    /// from them: Evidence/StatementEvidence.cs).
    /// </summary>
    /// <returns>Stored with the statements that were new (a statement sent again is not), or why nothing may be stored.</returns>
    public static async Task<(Outcome Outcome, string? Id, List<JsonObject> New)> InsertAsync(NpgsqlConnection conn, string organisation,
        IReadOnlyList<JsonObject> statements, DateTimeOffset stored, CancellationToken ct)
    {
        var added = new List<JsonObject>();
        foreach (var s in statements)
        {
            var facts = StatementFacts.Of(s);
            var existing = await GetAsync(conn, organisation, facts.Id, ct);
            if (existing is not null)
            {
                if (!SameStatement(JsonNode.Parse(existing.Json)!.AsObject(), s)) return (Outcome.Conflict, facts.Id, added);
                continue;
            }
            if (facts.Voids is { } target)
            {
                var voided = await GetAsync(conn, organisation, target, ct);
                if (voided is not null && JsonNode.Parse(voided.Json)?["verb"]?["id"]?.GetValue<string>() == StatementFacts.VoidedVerb)
                    return (Outcome.VoidsVoiding, facts.Id, added);
                await using var mark = new NpgsqlCommand($"update {Table} set voided = true where tenant_id = $1 and statement_id = $2", conn);
                mark.Parameters.AddWithValue(organisation);
                mark.Parameters.AddWithValue(target);
                await mark.ExecuteNonQueryAsync(ct);
            }
            await using var cmd = new NpgsqlCommand(
                $"insert into {Table} (tenant_id, statement_id, stored, verb, actor_key, object_agent, activity, registration, target, voided, agents, activities, statement, attachment_hashes) " +
                "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, false, $10, $11, $12, $13)", conn);
            cmd.Parameters.AddWithValue(organisation);
            cmd.Parameters.AddWithValue(facts.Id);
            cmd.Parameters.AddWithValue(stored);
            cmd.Parameters.AddWithValue(facts.Verb);
            cmd.Parameters.AddWithValue(facts.ActorKey);
            cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)facts.ObjectAgent ?? DBNull.Value);
            cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)facts.Activity ?? DBNull.Value);
            cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)facts.Registration ?? DBNull.Value);
            cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)facts.Target ?? DBNull.Value);
            cmd.Parameters.AddWithValue(facts.Agents);
            cmd.Parameters.AddWithValue(facts.Activities);
            cmd.Parameters.AddWithValue(s.ToJsonString());
            cmd.Parameters.AddWithValue(XapiAttachments.Hashes(s));
            await cmd.ExecuteNonQueryAsync(ct);
            added.Add(s);
        }
        return (Outcome.Stored, null, added);
    }

    /// <summary>The same statement sent again: equal apart from what the LRS adds (stored, authority, version).</summary>
    private static bool SameStatement(JsonObject stored, JsonObject sent)
    {
        foreach (var key in new[] { "actor", "verb", "object", "result", "context", "attachments" })
            if (!JsonNode.DeepEquals(stored[key], sent[key])) return false;
        return true;
    }

    public async Task<Stored?> GetAsync(string organisation, string id, CancellationToken ct)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        return await GetAsync(conn, organisation, id.ToLowerInvariant(), ct);
    }

    private static async Task<Stored?> GetAsync(NpgsqlConnection conn, string organisation, string id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select seq, statement, voided from {Table} where tenant_id = $1 and statement_id = $2", conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new Stored(r.GetInt64(0), r.GetString(1), r.GetBoolean(2)) : null;
    }

    /// <summary>The statements that mention an activity anywhere, oldest first.</summary>
    public async Task<List<string>> ActivityMentionsAsync(string organisation, string activityId, CancellationToken ct)
    {
        await using var cmd = database.DataSource.CreateCommand($"select statement from {Table} where tenant_id = $1 and $2 = any(activities) order by seq");
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(activityId);
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add(r.GetString(0));
        return rows;
    }

    /// <summary>Statements matching a query, newest first unless ascending; one more than the limit tells whether more follow.</summary>
    public async Task<List<Stored>> QueryAsync(string organisation, StatementQuery q, CancellationToken ct)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand { Connection = conn };
        var where = new List<string> { "s.tenant_id = $1", "not s.voided" };
        // Filters on what a statement says; a statement whose StatementRef points at a matching statement matches too
        // (xAPI 2.1.3: e.g. the voiding statement of a voided statement that fits the filter).
        var says = new List<string>();
        cmd.Parameters.AddWithValue(organisation);
        string Param(object value)
        {
            cmd.Parameters.AddWithValue(value);
            return "$" + cmd.Parameters.Count;
        }
        if (q.Agent is { } agent) { var p = Param(agent); says.Add(q.RelatedAgents ? $"{p} = any(@.agents)" : $"(@.actor_key = {p} or @.object_agent = {p})"); }
        if (q.Verb is { } verb) says.Add($"@.verb = {Param(verb)}");
        if (q.Activity is { } activity) { var p = Param(activity); says.Add(q.RelatedActivities ? $"{p} = any(@.activities)" : $"@.activity = {p}"); }
        if (q.Registration is { } reg) says.Add($"@.registration = {Param(reg.ToLowerInvariant())}");
        if (says.Count > 0)
        {
            string On(string alias) => string.Join(" and ", says.Select(c => c.Replace("@.", alias + ".")));
            where.Add($"(({On("s")}) or exists (select 1 from {Table} t where t.tenant_id = s.tenant_id and t.statement_id = s.target and {On("t")}))");
        }
        if (q.Since is { } since) where.Add($"s.stored > {Param(since)}");
        if (q.Until is { } until) where.Add($"s.stored <= {Param(until)}");
        if (q.After is { } after) where.Add($"s.seq {(q.Ascending ? ">" : "<")} {Param(after)}");
        cmd.CommandText = $"select s.seq, s.statement, s.voided from {Table} s where {string.Join(" and ", where)} " +
            $"order by s.seq {(q.Ascending ? "asc" : "desc")} limit {q.Limit + 1}";
        var rows = new List<Stored>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add(new Stored(r.GetInt64(0), r.GetString(1), r.GetBoolean(2)));
        return rows;
    }
}

/// <summary>A GET /statements query after its parameters are read.</summary>
public sealed record StatementQuery(string? Agent, string? Verb, string? Activity, string? Registration, bool RelatedAgents, bool RelatedActivities,
    DateTimeOffset? Since, DateTimeOffset? Until, int Limit, bool Ascending, long? After);
