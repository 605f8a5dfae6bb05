using Npgsql;
using SkillsLedger.Domain.SkillLevels;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Gaps;

/// <param name="Level">Exact level (as BI has it); <paramref name="LevelDisplay"/> is the level people read (2 decimals).</param>
/// <param name="ScaleMin">The skill's own scale, which target, level and gap are on.</param>
/// <param name="Gap">max(0, round(target − level, 9)): compared at 9 decimals (docs/derivation.md "Precision").</param>
public sealed record GapRow(string PersonId, string Role, string Skill, double Target, double? Level, string? LevelDisplay, decimal? ScaleMin,
    decimal? ScaleMax, double Gap);

/// <summary>Per skill: how many members are below target (gap &gt; 0) and the mean gap (never-assessed counts as the full target), on the skill's scale.</summary>
public sealed record GapSummary(string Skill, decimal? ScaleMin, decimal? ScaleMax, int Members, int BelowTarget, double MeanGap);

/// <summary>Mean gap of the current members of one team on one skill of their roles' profiles; <paramref name="Members"/> is n.</summary>
public sealed record TeamSkillGap(string Team, string Skill, int Members, int BelowTarget, double MeanGap);

/// <param name="AsOf">Current members and levels as projected so far: as of the moment they were read.</param>
public sealed record GapsView(string? Team, string? PersonId, IReadOnlyList<GapRow> Gaps, IReadOnlyList<GapSummary> Summary, string Source, DateTimeOffset AsOf);

/// <summary>
/// Skill gaps against role profiles, read from the analytics read model (current members only): one home for the
/// figures the gap routes, the report and the dashboard show. The model follows the event log through the async
/// daemon; GET /api/projections/status shows how far behind it is.
/// </summary>
public static class GapQuery
{
    public const string Source = "analytics.team_skill_gap (rule weighted-recency v1)";

    /// <summary>The gaps of a team's current members, or null when nobody has ever been in that team.</summary>
    public static async Task<IReadOnlyList<GapRow>?> ForTeamAsync(LedgerDatabase db, string org, string team, CancellationToken ct) =>
        await ExistsAsync(db, "select exists(select 1 from analytics.person where org_id = $1 and team = $2)", org, team, ct)
            ? await LoadAsync(db, "team = $2", org, team, ct)
            : null;

    /// <summary>One person's gaps, or null when no person_hired for them has been projected.</summary>
    public static async Task<IReadOnlyList<GapRow>?> ForPersonAsync(LedgerDatabase db, string org, string personId, CancellationToken ct) =>
        await ExistsAsync(db, "select exists(select 1 from analytics.person where org_id = $1 and person_id = $2)", org, personId, ct)
            ? await LoadAsync(db, "person_id = $2", org, personId, ct)
            : null;

    /// <summary>Team × skill mean gaps over the whole organisation (people without a team are "(no team)"), optionally
    /// only for one department, role or skill category (null = all).</summary>
    public static async Task<IReadOnlyList<TeamSkillGap>> TeamSkillMatrixAsync(LedgerDatabase db, string org, CancellationToken ct,
        string? department = null, string? role = null, string? category = null)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "select coalesce(g.team, '(no team)') as team, g.skill, count(*)::int, count(*) filter (where g.gap > 0)::int, avg(g.gap) " +
            "from analytics.team_skill_gap g " +
            "join analytics.person p on p.org_id = g.org_id and p.person_id = g.person_id " +
            "left join analytics.skill s on s.org_id = g.org_id and s.skill = g.skill " +
            "where g.org_id = $1 and ($2::text is null or p.department = $2) and ($3::text is null or g.role = $3) " +
            "and ($4::text is null or s.category = $4) group by 1, 2 order by 1, 2", conn);
        cmd.Parameters.AddWithValue(org);
        foreach (var value in new[] { department, role, category })
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value });
        var rows = new List<TeamSkillGap>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new TeamSkillGap(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetDouble(4)));
        return rows;
    }

    /// <summary>The values the matrix can be filtered on: current departments and roles, and skill categories.</summary>
    public static async Task<(IReadOnlyList<string> Departments, IReadOnlyList<string> Roles, IReadOnlyList<string> Categories)> FilterValuesAsync(
        LedgerDatabase db, string org, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "select 'd', department from analytics.person where org_id = $1 and left_at is null and department is not null " +
            "union select 'r', role from analytics.person where org_id = $1 and left_at is null and role is not null " +
            "union select 'c', category from analytics.skill where org_id = $1 and category is not null order by 1, 2", conn);
        cmd.Parameters.AddWithValue(org);
        var values = new Dictionary<string, List<string>> { ["d"] = [], ["r"] = [], ["c"] = [] };
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) values[reader.GetString(0)].Add(reader.GetString(1));
        return (values["d"], values["r"], values["c"]);
    }

    public static IReadOnlyList<GapSummary> Summarise(IReadOnlyList<GapRow> rows) =>
        rows.GroupBy(r => r.Skill)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GapSummary(g.Key, g.First().ScaleMin, g.First().ScaleMax, g.Count(), g.Count(r => r.Gap > 0), g.Average(r => r.Gap)))
            .ToList();

    private static async Task<List<GapRow>> LoadAsync(LedgerDatabase db, string filter, string org, string value, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "select g.person_id, g.role, g.skill, g.target::double precision, g.level, g.gap, s.scale_min, s.scale_max " +
            "from analytics.team_skill_gap g left join analytics.skill s on s.org_id = g.org_id and s.skill = g.skill " +
            $"where g.org_id = $1 and g.{filter} order by g.person_id, g.skill", conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(value);
        var rows = new List<GapRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            double? level = reader.IsDBNull(4) ? null : reader.GetDouble(4);
            rows.Add(new GapRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3), level, LevelPrecision.Display(level),
                reader.IsDBNull(6) ? null : reader.GetDecimal(6), reader.IsDBNull(7) ? null : reader.GetDecimal(7), reader.GetDouble(5)));
        }
        return rows;
    }

    private static async Task<bool> ExistsAsync(LedgerDatabase db, string sql, string org, string value, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(value);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
