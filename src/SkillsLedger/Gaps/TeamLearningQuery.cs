using Npgsql;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Gaps;

/// <summary>One course the team's current members completed in the window: completions, people and hours.</summary>
public sealed record TeamCourse(string CourseId, string? ProgramId, int Completions, int People, double Hours);

/// <summary>The learning of a team's current members in the 365 days up to <paramref name="Until"/>.</summary>
public sealed record TeamLearning(string Team, DateTimeOffset From, DateTimeOffset Until, int Members, int Learners, double Hours, IReadOnlyList<TeamCourse> Courses);

/// <summary>What a team's current members learned over the last year (analytics.course_completion): for the team page.</summary>
public static class TeamLearningQuery
{
    public static async Task<TeamLearning> LoadAsync(LedgerDatabase db, string org, string team, DateTimeOffset until, CancellationToken ct)
    {
        var from = until.AddDays(-365);
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        batch.BatchCommands.Add(Command("select count(*)::int from analytics.person where org_id = $1 and team = $2 and left_at is null", org, team));
        batch.BatchCommands.Add(Command("""
            select c.course_id, min(c.program_id), count(*)::int, count(distinct c.person_id)::int, sum(c.hours)::double precision
              from analytics.course_completion c
              join analytics.person p on p.org_id = c.org_id and p.person_id = c.person_id
             where c.org_id = $1 and p.team = $2 and p.left_at is null and c.completed_at > $3 and c.completed_at <= $4
             group by c.course_id order by 3 desc, 1
            """, org, team, from, until));
        batch.BatchCommands.Add(Command("""
            select count(distinct c.person_id)::int, coalesce(sum(c.hours), 0)::double precision
              from analytics.course_completion c
              join analytics.person p on p.org_id = c.org_id and p.person_id = c.person_id
             where c.org_id = $1 and p.team = $2 and p.left_at is null and c.completed_at > $3 and c.completed_at <= $4
            """, org, team, from, until));
        await using var r = await batch.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var members = r.GetInt32(0);
        await r.NextResultAsync(ct);
        var courses = new List<TeamCourse>();
        while (await r.ReadAsync(ct))
            courses.Add(new TeamCourse(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetDouble(4)));
        await r.NextResultAsync(ct);
        await r.ReadAsync(ct);
        return new TeamLearning(team, from, until, members, r.GetInt32(0), r.GetDouble(1), courses);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return cmd;
    }
}
