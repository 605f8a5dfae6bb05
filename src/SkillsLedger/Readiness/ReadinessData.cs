using Npgsql;
using SkillsLedger.Domain.SkillLevels;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Readiness;

/// <summary>
/// Everything readiness needs, read once (one snapshot, four result sets): each person's employment and assignments,
/// the role profiles, skill categories and every counted assessment. Readiness at any instant is then computed in
/// memory with the rule's own C# (<see cref="WeightedRecencyRule.LevelAt"/>), so the 24-month trend costs one read,
/// not 24 queries that each re-weigh every assessment.
/// </summary>
public sealed class ReadinessData
{
    private sealed record Assignment(DateTimeOffset ValidFrom, long Sequence, string? Department, string? Role, string? Team);

    private sealed record Person(string Id, DateTimeOffset HiredAt, DateTimeOffset? LeftAt, List<Assignment> Assignments);

    private readonly List<Person> _people = [];
    private readonly Dictionary<string, List<(string Skill, decimal Target)>> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Person, string Skill), List<(DateTimeOffset OccurredAt, double MethodWeight, double Level)>> _assessments = [];

    public static async Task<ReadinessData> LoadAsync(LedgerDatabase db, string org, CancellationToken ct)
    {
        var data = new ReadinessData();
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using var batch = new NpgsqlBatch(conn, tx)
        {
            BatchCommands =
            {
                Command("select person_id, hired_at, left_at from analytics.person where org_id = $1 order by person_id", org),
                Command("select person_id, valid_from, sequence, department, role, team from analytics.person_assignment where org_id = $1 order by person_id, valid_from, sequence", org),
                Command("select role, skill, target_level from analytics.role_requirement where org_id = $1 order by role, skill", org),
                Command("select skill, category from analytics.skill where org_id = $1", org),
                // Sorted as the rule reads them: by occurredAt, then log order.
                Command("select person_id, skill, occurred_at, method_weight, level::double precision from analytics.skill_assessment " +
                        "where org_id = $1 and included order by person_id, skill, occurred_at, sequence", org),
            },
        };
        await using var r = await batch.ExecuteReaderAsync(ct);
        var people = new Dictionary<string, Person>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct))
        {
            var p = new Person(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateTimeOffset>(2), []);
            people[p.Id] = p;
            data._people.Add(p);
        }
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
            if (people.TryGetValue(r.GetString(0), out var p))
                p.Assignments.Add(new Assignment(r.GetFieldValue<DateTimeOffset>(1), r.GetInt64(2), Text(r, 3), Text(r, 4), Text(r, 5)));
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
        {
            if (!data._profiles.TryGetValue(r.GetString(0), out var list)) data._profiles[r.GetString(0)] = list = [];
            list.Add((r.GetString(1), r.GetDecimal(2)));
        }
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct)) data._categories[r.GetString(0)] = Text(r, 1);
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var key = (r.GetString(0), r.GetString(1));
            if (!data._assessments.TryGetValue(key, out var list)) data._assessments[key] = list = [];
            list.Add((r.GetFieldValue<DateTimeOffset>(2), r.GetDouble(3), r.GetDouble(4)));
        }
        return data;
    }

    /// <summary>
    /// One row per required skill of every person employed at <paramref name="at"/> (hired by then, not yet left) whose
    /// role then has a profile, ordered by person and skill; and how many employed people had a role without one.
    /// </summary>
    public (List<ReadinessQuery.Requirement> Rows, int WithoutProfile) At(DateTimeOffset at)
    {
        var rows = new List<ReadinessQuery.Requirement>();
        var without = 0;
        foreach (var p in _people)
        {
            if (p.HiredAt > at || (p.LeftAt is { } left && left <= at)) continue;
            // The assignment in force: the latest that took effect by then (ties: the later event).
            Assignment? now = null;
            foreach (var a in p.Assignments)
                if (a.ValidFrom <= at) now = a;
            if (now is null) continue;
            if (now.Role is null || !_profiles.TryGetValue(now.Role, out var profile)) { without++; continue; }
            foreach (var (skill, target) in profile)
            {
                var level = _assessments.TryGetValue((p.Id, skill), out var sorted) ? WeightedRecencyRule.LevelAt(sorted, at) : null;
                rows.Add(new ReadinessQuery.Requirement(p.Id, now.Department, now.Role, now.Team, skill, _categories.GetValueOrDefault(skill), LevelPrecision.Reaches(level, (double)target)));
            }
        }
        return (rows, without);
    }

    private static NpgsqlBatchCommand Command(string sql, string org) => new(sql) { Parameters = { new NpgsqlParameter { Value = org } } };

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
