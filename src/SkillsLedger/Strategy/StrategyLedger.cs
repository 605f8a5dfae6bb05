using System.Text.Json;
using Npgsql;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.SkillLevels;
using SkillsLedger.Domain.Strategy;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Strategy;

/// <summary>A stored catalogue event with the ledger's facts about it (sequence, when recorded).</summary>
public sealed record Stored<T>(T Event, long Sequence, DateTimeOffset RecordedAt);

/// <summary>
/// What strategic coverage reads from the event log of one organisation (<see cref="OrganisationLogReads"/>; bitemporal: every
/// question takes asOf and knownAt, which the analytics tables, holding only current state, cannot answer):
/// everyone's hires, moves, departures and skill evidence, the skills' scales, the goals with every revision, and
/// the programmes with their goal links.
/// </summary>
public sealed class StrategyLedger
{
    public required IReadOnlyDictionary<string, WorkforceMember> People { get; init; }
    public required IReadOnlyList<Stored<SkillDefined>> Skills { get; init; }
    public required IReadOnlyList<Stored<StrategicGoalSet>> GoalRevisions { get; init; }
    public required IReadOnlyList<Stored<StrategicGoalRetired>> GoalRetirements { get; init; }
    public required IReadOnlyList<Stored<ProgramDefined>> Programmes { get; init; }

    /// <summary>When the ledger recorded its first event (null when empty): tells a bulk-loaded history from one fed live.</summary>
    public DateTimeOffset? FirstRecordedAt { get; init; }

    private static readonly Type[] PersonTypes = [typeof(PersonHired), typeof(PersonMoved), typeof(PersonLeft), typeof(SkillAssessed), typeof(AssessmentRetracted)];
    private static readonly Type[] CatalogueTypes = [typeof(SkillDefined), typeof(StrategicGoalSet), typeof(StrategicGoalRetired), typeof(ProgramDefined)];

    /// <param name="skills">Only assessments of these skills are read (null: all skills).</param>
    public static async Task<StrategyLedger> LoadAsync(LedgerDatabase db, string org, IReadOnlyCollection<string>? skills, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var people = new Dictionary<string, WorkforceMember>(StringComparer.Ordinal);
        var catalogue = new List<(object Event, long Sequence, DateTimeOffset RecordedAt)>();
        await using (var cmd = new NpgsqlCommand(OrganisationLogReads.EventsOfTypes, conn))
        {
            cmd.Parameters.AddWithValue(org);
            cmd.Parameters.AddWithValue(PersonTypes.Concat(CatalogueTypes).Select(EventTypes.NameOf).ToArray());
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)skills?.ToArray() ?? DBNull.Value });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var (sequence, recorded, type) = (r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), EventTypes.Find(r.GetString(3)));
                if (type is null) continue;
                var e = (ILedgerEvent)JsonSerializer.Deserialize(r.GetString(4), type, LedgerJson.Options)!;
                if (e is IPersonEvent p)
                {
                    if (!people.TryGetValue(p.PersonId, out var member)) people[p.PersonId] = member = new WorkforceMember(p.PersonId);
                    member.Apply(e, new Provenance(sequence, e.EventId ?? "", recorded, null, null));
                }
                else catalogue.Add((e, sequence, recorded));
            }
        }
        var first = await FirstRecordedAtAsync(conn, org, ct);
        List<Stored<T>> Of<T>() => catalogue.Where(c => c.Event is T).Select(c => new Stored<T>((T)c.Event, c.Sequence, c.RecordedAt)).ToList();
        return new StrategyLedger
        {
            People = people, Skills = Of<SkillDefined>(), GoalRevisions = Of<StrategicGoalSet>(), GoalRetirements = Of<StrategicGoalRetired>(),
            Programmes = Of<ProgramDefined>(), FirstRecordedAt = first,
        };
    }

    /// <summary>When the ledger recorded the organisation's first event (null when it has none).</summary>
    public static async Task<DateTimeOffset?> FirstRecordedAtAsync(NpgsqlConnection conn, string org, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(OrganisationLogReads.FirstRecordedAt, conn);
        cmd.Parameters.AddWithValue(org);
        return await cmd.ExecuteScalarAsync(ct) is DateTime d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : null;
    }

    /// <summary>The skills the organisation's goals have ever named (to read only their assessments).</summary>
    public static async Task<IReadOnlyList<string>> GoalSkillsAsync(LedgerDatabase db, string org, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(OrganisationLogReads.GoalSkills, conn);
        cmd.Parameters.AddWithValue(org);
        var skills = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) skills.Add(r.GetString(0));
        return skills;
    }

    /// <summary>Each goal as it stood at (asOf, knownAt): its latest revision then, unless retired after it; ordered by goal id.</summary>
    public IReadOnlyList<GoalAsOf> GoalsAt(DateTimeOffset asOf, DateTimeOffset knownAt)
    {
        bool Known(ILedgerEvent e, DateTimeOffset recorded) => e.OccurredAt <= asOf && recorded <= knownAt;
        return GoalRevisions.Where(g => Known(g.Event, g.RecordedAt))
            .GroupBy(g => g.Event.GoalId, StringComparer.Ordinal)
            .Select(g =>
            {
                var revisions = g.OrderBy(x => x.Event.OccurredAt).ThenBy(x => x.Sequence).ToList();
                var current = revisions[^1];
                var retired = GoalRetirements.Where(x => x.Event.GoalId == g.Key && Known(x.Event, x.RecordedAt) && x.Event.OccurredAt >= current.Event.OccurredAt)
                    .OrderBy(x => x.Event.OccurredAt).FirstOrDefault();
                return new GoalAsOf(current, revisions.Count, retired);
            })
            .OrderBy(g => g.Revision.Event.GoalId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Each programme's latest definition at (asOf, knownAt).</summary>
    public IReadOnlyList<ProgramDefined> ProgrammesAt(DateTimeOffset asOf, DateTimeOffset knownAt) =>
        Programmes.Where(p => p.Event.OccurredAt <= asOf && p.RecordedAt <= knownAt)
            .GroupBy(p => p.Event.ProgramId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(x => x.Event.OccurredAt).ThenBy(x => x.Sequence).Last().Event)
            .OrderBy(p => p.ProgramId, StringComparer.Ordinal)
            .ToList();

    /// <summary>The scale of each skill (latest definition; scales are not versioned in time).</summary>
    public IReadOnlyDictionary<string, SkillDefined> Scales() =>
        Skills.GroupBy(s => s.Event.Skill, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(x => x.Sequence).Last().Event, StringComparer.Ordinal);
}

/// <param name="Revision">The revision in force.</param>
/// <param name="Revisions">How many revisions were known by then (1 = as first set).</param>
/// <param name="Retired">The retirement in force, if the goal was retired after this revision.</param>
public sealed record GoalAsOf(Stored<StrategicGoalSet> Revision, int Revisions, Stored<StrategicGoalRetired>? Retired);
