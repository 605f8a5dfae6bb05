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

    /// <summary>Team × skill mean gaps over the whole organisation (people without a team are "(no team)").</summary>
    public static async Task<IReadOnlyList<TeamSkillGap>> TeamSkillMatrixAsync(LedgerDatabase db, string org, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "select coalesce(team, '(no team)') as team, skill, count(*)::int, count(*) filter (where gap > 0)::int, avg(gap) " +
            "from analytics.team_skill_gap where org_id = $1 group by 1, 2 order by 1, 2", conn);
        cmd.Parameters.AddWithValue(org);
        var rows = new List<TeamSkillGap>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new TeamSkillGap(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetDouble(4)));
        return rows;
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
