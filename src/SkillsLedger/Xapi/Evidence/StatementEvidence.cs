using System.Globalization;
using System.Text.Json.Nodes;
using Marten;
using Npgsql;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.Validation;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;
using SkillsLedger.Projections.Catalogue;

namespace SkillsLedger.Xapi;

/// <summary>
/// Statements and the ledger events derived from them, written in one transaction through the one write path
/// (<see cref="LedgerAppender"/>, the write pipeline with its ledger rules, idempotent event ids, hash chain, inline projections). A voiding
/// statement retracts the skill assessments derived from the statement it voids; statements whose events cannot be
/// derived yet are stored with the reason (<see cref="EvidenceState"/>) and derived later by <see cref="ReplayAsync"/>.
/// </summary>
public sealed class StatementEvidence(LedgerAppender appender, LedgerDatabase database)
{
    private static readonly string Table = $"{LedgerStoreConfiguration.Schema}.{LedgerTables.XapiStatements}";

    /// <summary>Why a statement batch was refused (nothing stored).</summary>
    public sealed record Refused(StatementStore.Outcome Outcome, string Id) : AppendOutcome;

    /// <returns>Null when stored, or why nothing was stored.</returns>
    public async Task<Refused?> StoreAsync(AppendContext context, IReadOnlyList<JsonObject> statements, IReadOnlyList<XapiRequest.AttachmentPart> attachments,
        DateTimeOffset stored, CancellationToken ct)
    {
        var outcome = await appender.AppendAsync([], context, ct: ct, step: new StoreStep(context.Organisation, statements, attachments, stored, HoldAll: false));
        // The ledger's rules refused a derived event (e.g. a timestamp more than 24 h ahead): the statements are still
        // the LRS's to store, so they are stored with their events held back under "rejected".
        if (outcome is AppendOutcome.Invalid or AppendOutcome.Conflict)
            outcome = await appender.AppendAsync([], context, ct: ct, step: new StoreStep(context.Organisation, statements, attachments, stored, HoldAll: true));
        return outcome switch
        {
            Refused r => r,
            AppendOutcome.Appended => null,
            _ => throw new InvalidOperationException($"statements were refused by the ledger: {outcome}"),
        };
    }

    public sealed record ReplayResult(int Examined, int Derived, int StillHeldBack, int Events);

    /// <summary>Derives the held-back statements again under the current mapping, in batches of 500 (one transaction each).</summary>
    public async Task<ReplayResult> ReplayAsync(AppendContext context, CancellationToken ct)
    {
        var total = new ReplayResult(0, 0, 0, 0);
        for (long after = 0; ;)
        {
            var step = new ReplayStep(context.Organisation, after);
            var outcome = await appender.AppendAsync([], context, ct: ct, step: step);
            if (outcome is not AppendOutcome.Appended a)
            {
                // A statement of this batch breaks a ledger rule: take them one by one so the others still count.
                step = new ReplayStep(context.Organisation, after, Limit: 1);
                outcome = await appender.AppendAsync([], context, ct: ct, step: step);
                if (outcome is not AppendOutcome.Appended one) { after = step.LastSeq ?? after + 1; total = total with { Examined = total.Examined + 1, StillHeldBack = total.StillHeldBack + 1 }; continue; }
                a = one;
            }
            if (step.LastSeq is null) return total;
            after = step.LastSeq.Value;
            total = new ReplayResult(total.Examined + step.Examined, total.Derived + step.NowDerived, total.StillHeldBack + step.Examined - step.NowDerived, total.Events + a.Count);
        }
    }

    public sealed record Status(long Stored, long Voided, IReadOnlyDictionary<string, long> ByState);

    /// <summary>Statements stored, voided, and by what became of them (derived, not evidence, held back by reason).</summary>
    public async Task<Status> StatusAsync(string organisation, CancellationToken ct)
    {
        await using var cmd = database.DataSource.CreateCommand(
            $"select coalesce(evidence, 'unexamined'), count(*), count(*) filter (where voided) from {Table} where tenant_id = $1 group by 1 order by 1");
        cmd.Parameters.AddWithValue(organisation);
        var by = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long stored = 0, voided = 0;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            by[r.GetString(0)] = r.GetInt64(1);
            stored += r.GetInt64(1);
            voided += r.GetInt64(2);
        }
        return new Status(stored, voided, by);
    }

    private sealed record StoreStep(string Organisation, IReadOnlyList<JsonObject> Statements, IReadOnlyList<XapiRequest.AttachmentPart> Attachments,
        DateTimeOffset Stored, bool HoldAll) : IAppendStep
    {
        public async Task<(IReadOnlyList<ILedgerEvent> Events, AppendOutcome? Stop)> RunAsync(NpgsqlConnection conn, IDocumentSession session, CancellationToken ct)
        {
            var (outcome, id, added) = await StatementStore.InsertAsync(conn, Organisation, Statements, Stored, ct);
            if (outcome != StatementStore.Outcome.Stored) return ([], new Refused(outcome, id!));
            await AttachmentStore.InsertAsync(conn, Organisation, Attachments, Stored, ct);
            var (events, _) = await DeriveAsync(conn, session, Organisation, added, HoldAll, ct);
            if (added.Count > 0) events.Insert(0, Chained(added, Stored));
            return (events, null);
        }
    }

    /// <summary>The event that puts the new statements in the hash chain: their ids and the SHA-256 of the text stored.</summary>
    private static XapiStatementsStored Chained(List<JsonObject> added, DateTimeOffset stored)
    {
        var ids = added.Select(s => s["id"]!.GetValue<string>().ToLowerInvariant()).ToList();
        return new XapiStatementsStored(ids, added.Select(s => StatementHash(s.ToJsonString())).ToList(), stored, $"xapi:{ids[0]}:stored", StatementDeriver.Source);
    }

    public static string StatementHash(string storedJson) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(storedJson)));

    private sealed class ReplayStep(string organisation, long after, int Limit = 500) : IAppendStep
    {
        public long? LastSeq { get; private set; }
        public int Examined { get; private set; }
        public int NowDerived { get; private set; }

        public async Task<(IReadOnlyList<ILedgerEvent> Events, AppendOutcome? Stop)> RunAsync(NpgsqlConnection conn, IDocumentSession session, CancellationToken ct)
        {
            await using var cmd = new NpgsqlCommand(
                $"select seq, statement from {Table} where tenant_id = $1 and seq > $2 and not voided and evidence like '{EvidenceState.HeldBackPrefix}%' " +
                $"order by seq limit {Limit} for update", conn);
            cmd.Parameters.AddWithValue(organisation);
            cmd.Parameters.AddWithValue(after);
            var statements = new List<JsonObject>();
            LastSeq = null;
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct))
                {
                    LastSeq = r.GetInt64(0);
                    statements.Add(JsonNode.Parse(r.GetString(1))!.AsObject());
                }
            var (events, derived) = await DeriveAsync(conn, session, organisation, statements, holdAll: false, ct);
            (Examined, NowDerived) = (statements.Count, derived);
            return (events, null);
        }
    }

    /// <returns>The events of the statements and how many of them now count as derived; their states are written.</returns>
    private static async Task<(List<ILedgerEvent> Events, int Derived)> DeriveAsync(NpgsqlConnection conn, IDocumentSession session, string organisation,
        IReadOnlyList<JsonObject> statements, bool holdAll, CancellationToken ct)
    {
        if (statements.Count == 0) return ([], 0);
        var mapping = (await session.Events.FetchStreamAsync(XapiMappingSet.StreamKey, token: ct)).LastOrDefault()?.Data as XapiMappingSet;
        var scales = mapping is null ? new Dictionary<string, SkillScale>()
            : (await session.LoadManyAsync<SkillDefinition>(ct, mapping.SkillsReferenced().Select(StreamKeys.Skill).ToArray()))
                .ToDictionary(s => s.Skill, s => new SkillScale(s.Skill, s.ScaleMin, s.ScaleMax));
        var events = new List<ILedgerEvent>();
        var states = new List<(string Id, string State, string? Person)>();
        foreach (var s in statements)
        {
            var facts = StatementFacts.Of(s);
            var d = facts.Voids is { } target
                ? await RetractionsAsync(conn, organisation, s, target, events, ct)
                : StatementDeriver.Derive(s, mapping, skill => scales.GetValueOrDefault(skill));
            if (holdAll && d.Events.Count > 0) d = Derived.Not(EvidenceState.HeldBack("rejected"));
            events.AddRange(d.Events);
            states.Add((facts.Id, d.State, mapping is null ? null : StatementDeriver.PersonOf(s["actor"] as JsonObject, mapping)));
        }
        await using var update = new NpgsqlCommand(
            $"update {Table} t set evidence = u.state, person_id = coalesce(u.person, t.person_id) from unnest($2::text[], $3::text[], $4::text[]) u(id, state, person) " +
            "where t.tenant_id = $1 and t.statement_id = u.id", conn);
        update.Parameters.AddWithValue(organisation);
        update.Parameters.AddWithValue(states.Select(s => s.Id).ToArray());
        update.Parameters.AddWithValue(states.Select(s => s.State).ToArray());
        update.Parameters.AddWithValue(states.Select(s => s.Person).ToArray());
        await update.ExecuteNonQueryAsync(ct);
        return (events, states.Count(s => s.State == EvidenceState.Derived));
    }

    /// <summary>
    /// The assessment_retracted events for the skill assessment derived from a voided statement (stored, or derived
    /// earlier in this batch). A course_completed cannot be retracted in contract v1.1: it stands (docs/xapi.md).
    /// </summary>
    private static async Task<Derived> RetractionsAsync(NpgsqlConnection conn, string organisation, JsonObject voiding, string target,
        List<ILedgerEvent> batch, CancellationToken ct)
    {
        var assessmentId = $"xapi:{target}:skill";
        var person = batch.OfType<SkillAssessed>().FirstOrDefault(e => e.EventId == assessmentId)?.PersonId;
        if (person is null)
        {
            await using var cmd = new NpgsqlCommand(
                $"select stream_key from {LedgerStoreConfiguration.Schema}.{LedgerTables.EventIds} where tenant_id = $1 and event_id = $2", conn);
            cmd.Parameters.AddWithValue(organisation);
            cmd.Parameters.AddWithValue(assessmentId);
            person = await cmd.ExecuteScalarAsync(ct) is string key ? StreamKeys.PersonIdOf(key) : null;
        }
        if (person is null) return Derived.Not(EvidenceState.NotEvidence);
        var id = voiding["id"]!.GetValue<string>().ToLowerInvariant();
        var at = DateTimeOffset.Parse(voiding["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        return new Derived(EvidenceState.Derived,
            [new AssessmentRetracted(person, assessmentId, $"xAPI statement {target} was voided by statement {id}", at, $"xapi:{id}:retracts", StatementDeriver.Source, id)]);
    }
}
