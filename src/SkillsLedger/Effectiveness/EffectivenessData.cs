using Npgsql;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Effectiveness;

/// <summary>One completion of a course, with the skills it targets (the catalogue's, else the completion's own list).</summary>
public sealed record Completion(string EventId, string PersonId, string CourseId, string? ProgramId, string Modality, double Hours,
    DateTimeOffset CompletedAt, IReadOnlyList<string> Skills);

/// <summary>Where someone worked from a date on (analytics.person_assignment).</summary>
public sealed record Assignment(DateTimeOffset From, long Sequence, string? Role);

/// <summary>Everything the effectiveness analysis reads, loaded once from the BI tables of one organisation.</summary>
public sealed record EffectivenessData(
    IReadOnlyDictionary<(string Person, string Skill), List<(DateTimeOffset OccurredAt, double MethodWeight, double Level)>> Assessments,
    IReadOnlyList<Completion> Completions,
    IReadOnlyDictionary<string, List<Assignment>> Assignments,
    IReadOnlyDictionary<string, (DateTimeOffset Hired, DateTimeOffset? Left)> Employment,
    IReadOnlyDictionary<string, (double Range, string? Category)> Skills,
    IReadOnlyDictionary<string, double> ProgrammeCosts,
    double LoadedHourlyCost, string Currency)
{
    public static async Task<EffectivenessData> LoadAsync(LedgerDatabase db, string org, DateTimeOffset asOf, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var assessments = new Dictionary<(string, string), List<(DateTimeOffset, double, double)>>();
        await foreach (var r in RowsAsync(conn, org, """
            select person_id, skill, occurred_at, method_weight, level::float8 from analytics.skill_assessment
             where org_id = $1 and included order by person_id, skill, occurred_at, sequence
            """, ct))
        {
            var key = (r.GetString(0), r.GetString(1));
            if (!assessments.TryGetValue(key, out var list)) assessments[key] = list = [];
            list.Add((r.GetFieldValue<DateTimeOffset>(2), r.GetDouble(3), r.GetDouble(4)));
        }

        var skillsOfCourse = new Dictionary<string, List<string>>();
        await foreach (var r in RowsAsync(conn, org, "select course_id, skill from analytics.course_skill where org_id = $1 order by course_id, skill", ct))
            (skillsOfCourse.TryGetValue(r.GetString(0), out var l) ? l : skillsOfCourse[r.GetString(0)] = []).Add(r.GetString(1));
        var skillsOfCompletion = new Dictionary<string, List<string>>();
        await foreach (var r in RowsAsync(conn, org, "select event_id, skill from analytics.course_completion_skill where org_id = $1 order by event_id, skill", ct))
            (skillsOfCompletion.TryGetValue(r.GetString(0), out var l) ? l : skillsOfCompletion[r.GetString(0)] = []).Add(r.GetString(1));

        var completions = new List<Completion>();
        await foreach (var r in RowsAsync(conn, org, """
            select c.event_id, c.person_id, c.course_id, coalesce(c.program_id, k.program_id), coalesce(k.modality, 'unknown'),
                   coalesce(c.hours, k.hours, 0)::float8, c.completed_at, k.course_id is not null
              from analytics.course_completion c left join analytics.course k on k.org_id = c.org_id and k.course_id = c.course_id
             where c.org_id = $1 order by c.completed_at, c.event_id
            """, ct))
        {
            var skills = r.GetBoolean(7) ? skillsOfCourse.GetValueOrDefault(r.GetString(2)) : skillsOfCompletion.GetValueOrDefault(r.GetString(0));
            completions.Add(new Completion(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
                r.GetDouble(5), r.GetFieldValue<DateTimeOffset>(6), (IReadOnlyList<string>?)skills ?? []));
        }

        var assignments = new Dictionary<string, List<Assignment>>();
        await foreach (var r in RowsAsync(conn, org, "select person_id, valid_from, sequence, role from analytics.person_assignment where org_id = $1 order by person_id, valid_from, sequence", ct))
            (assignments.TryGetValue(r.GetString(0), out var l) ? l : assignments[r.GetString(0)] = []).Add(
                new Assignment(r.GetFieldValue<DateTimeOffset>(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3)));

        var employment = new Dictionary<string, (DateTimeOffset, DateTimeOffset?)>();
        await foreach (var r in RowsAsync(conn, org, "select person_id, hired_at, left_at from analytics.person where org_id = $1", ct))
            employment[r.GetString(0)] = (r.GetFieldValue<DateTimeOffset>(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateTimeOffset>(2));

        var skillInfo = new Dictionary<string, (double, string?)>();
        await foreach (var r in RowsAsync(conn, org, "select skill, (scale_max - scale_min)::float8, category from analytics.skill where org_id = $1", ct))
            skillInfo[r.GetString(0)] = (r.GetDouble(1), r.IsDBNull(2) ? null : r.GetString(2));

        var costs = new Dictionary<string, double>();
        var currency = "EUR";
        await foreach (var r in RowsAsync(conn, org, "select program_id, sum(amount)::float8, min(currency) from analytics.program_cost where org_id = $1 and occurred_at <= $2 group by program_id", ct, asOf))
        {
            costs[r.GetString(0)] = r.GetDouble(1);
            currency = r.GetString(2);
        }
        double hourly = 0;
        await foreach (var r in RowsAsync(conn, org, "select value::float8 from analytics.roi_assumption where org_id = $1 and name = 'loaded_hourly_cost'", ct))
            hourly = r.GetDouble(0);
        return new EffectivenessData(assessments, completions, assignments, employment, skillInfo, costs, hourly, currency);
    }

    private static async IAsyncEnumerable<NpgsqlDataReader> RowsAsync(NpgsqlConnection conn, string org, string sql,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct, DateTimeOffset? at = null)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue(org);
        if (at is { } t) cmd.Parameters.AddWithValue(t);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return reader;
    }
}
