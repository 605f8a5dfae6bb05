using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using Npgsql;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Gaps;

public sealed record GapRow(string PersonId, string Role, string Skill, double Target, double? Level, double Gap);

/// <summary>Per skill: how many members are below target and the mean gap (never-assessed counts as the full target).</summary>
public sealed record GapSummary(string Skill, int Members, int BelowTarget, double MeanGap);

/// <summary>Mean gap of the current members of one team on one skill of their roles' profiles; <paramref name="Members"/> is n.</summary>
public sealed record TeamSkillGap(string Team, string Skill, int Members, int BelowTarget, double MeanGap);

/// <param name="AsOf">Current members and levels as projected so far: as of the moment they were read.</param>
public sealed record GapsView(string? Team, string? PersonId, IReadOnlyList<GapRow> Gaps, IReadOnlyList<GapSummary> Summary, string Source, DateTimeOffset AsOf);

/// <summary>
/// Skill gaps against role profiles, from the analytics read model (current members only). It follows the
/// event log through the async daemon; GET /api/projections/status shows how far behind it is.
/// </summary>
public static class GapEndpoints
{
    private const string Source = "analytics.team_skill_gap (rule weighted-recency v1)";

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [WolverineGet("/api/teams/{team}/gaps")]
    public static async Task<IResult> ForTeam(string team, HttpContext http, LedgerDatabase db, TimeProvider clock, CancellationToken ct)
    {
        var org = RequestContext.Organisation(http);
        if (!await ExistsAsync(db, "select exists(select 1 from analytics.person where org_id = $1 and team = $2)", org, team, ct))
            return Problems.NotFound("team", $"no person has ever been in team '{team}'");
        var rows = await LoadAsync(db, "team = $2", org, team, ct);
        return Results.Json(new GapsView(team, null, rows, Summarise(rows), Source, clock.GetUtcNow()), LedgerJson.Views);
    }

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [WolverineGet("/api/people/{personId}/gaps")]
    public static async Task<IResult> ForPerson(string personId, HttpContext http, LedgerDatabase db, TimeProvider clock, CancellationToken ct)
    {
        var org = RequestContext.Organisation(http);
        if (!await ExistsAsync(db, "select exists(select 1 from analytics.person where org_id = $1 and person_id = $2)", org, personId, ct))
            return Problems.NotFound("personId", $"no person_hired for '{personId}' has been projected yet");
        var rows = await LoadAsync(db, "person_id = $2", org, personId, ct);
        return Results.Json(new GapsView(null, personId, rows, Summarise(rows), Source, clock.GetUtcNow()), LedgerJson.Views);
    }

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

    internal static IReadOnlyList<GapSummary> Summarise(IReadOnlyList<GapRow> rows) =>
        rows.GroupBy(r => r.Skill)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GapSummary(g.Key, g.Count(), g.Count(r => r.Gap > 0), g.Average(r => r.Gap)))
            .ToList();

    private static async Task<List<GapRow>> LoadAsync(LedgerDatabase db, string filter, string org, string value, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"select person_id, role, skill, target::double precision, level, gap from analytics.team_skill_gap where org_id = $1 and {filter} order by person_id, skill", conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(value);
        var rows = new List<GapRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new GapRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.GetDouble(5)));
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
