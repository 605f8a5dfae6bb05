using SkillsLedger.Analytics.Careers;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.Analytics;

namespace SkillsLedger.Careers;

/// <param name="MonthsToReady">The longest of the gap skills' median months to the required level observed in this ledger (skills learned side by side);
/// 0 when ready; null when some gap has no observed example.</param>
public sealed record Candidate(int Rank, string PersonId, string? CurrentRole, string? Department, double Fit, int Gaps, double? MonthsToReady, string Explanation);

public sealed record CandidatesView(string Role, DateTimeOffset AsOf, int Employed, string Rule, string Method, IReadOnlyList<Candidate> Candidates, string Source);

/// <summary>Internal mobility (issue 16 item 5): employed people ranked for one role by fit, with an estimated time to ready.</summary>
public static class CandidatesQuery
{
    public const string Method = "people employed at asOf and not already in the role, ranked by fit for the role (as GET /fit), then by estimated months to " +
                                 "ready (unknown last), then person id; months to ready = the longest, over the person's gap skills, of the median months " +
                                 "others in this ledger took from the person's level (rounded to the nearest half level, ±0.5) to the required one, as in routes";
    public const string Source = "analytics.person, person_assignment, role_requirement, skill, skill_assessment, course_completion(_skill)";

    /// <returns>null when the role has no profile.</returns>
    public static async Task<CandidatesView?> ForRoleAsync(LedgerDatabase db, string org, string role, DateTimeOffset asOf, int top, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var people = new List<(string Person, string? Role, string? Department)>();
        await using (var cmd = new Npgsql.NpgsqlCommand($"select w.person_id, w.role, w.department from {LevelsAt.Workforce("$1", "$2")} w order by w.person_id", conn))
        {
            cmd.Parameters.AddWithValue(org);
            cmd.Parameters.AddWithValue(asOf);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) people.Add((r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
        }
        var others = people.Where(p => p.Role != role).ToList();
        var rows = await FitQuery.RequirementsAsync(conn, org, others.Select(p => new FitQuery.FitQuestion(p.Person, asOf, role)).ToList(), ct);
        var profile = rows.FirstOrDefault(r => r.Count > 0);
        if (profile is null && !await HasProfileAsync(conn, org, role, ct)) return null;
        var skills = profile?.Select(r => r.Skill).ToList() ?? [];
        var observations = (await RouteEvidence.ObservationsAsync(conn, org, skills, asOf, ct)).GroupBy(o => o.Skill).ToDictionary(g => g.Key, g => g.ToList());
        var ranked = others.Select((p, i) =>
            {
                var fit = FitQuery.Of(p.Person, role, false, rows[i], asOf);
                double? months = 0;
                foreach (var g in fit.Gaps)
                {
                    var from = Math.Round((g.Level ?? g.ScaleMin) * 2, MidpointRounding.AwayFromZero) / 2;
                    var m = RouteEvidence.Estimate(observations.GetValueOrDefault(g.Skill) ?? [], g.Skill, p.Person, from, g.Required).Months;
                    months = m is null || months is null ? null : Math.Max(months.Value, m.Median);
                }
                return (Person: p, Fit: fit, Months: months);
            })
            .OrderByDescending(x => x.Fit.Fit).ThenBy(x => x.Months ?? double.MaxValue).ThenBy(x => x.Person.Person, StringComparer.Ordinal)
            .Take(top)
            .Select((x, k) => new Candidate(k + 1, x.Person.Person, x.Person.Role, x.Person.Department, x.Fit.Fit, x.Fit.Gaps.Count, x.Months,
                $"{x.Fit.Explanation}; months to ready {(x.Months is { } mo ? mo.ToString("0.0") : "unknown (a gap nobody here has been observed closing)")}"))
            .ToList();
        return new CandidatesView(role, asOf, people.Count, FitQuery.Rule, Method, ranked, Source);
    }

    private static async Task<bool> HasProfileAsync(Npgsql.NpgsqlConnection conn, string org, string role, CancellationToken ct)
    {
        await using var cmd = new Npgsql.NpgsqlCommand("select exists(select 1 from analytics.role_requirement where org_id = $1 and role = $2)", conn);
        cmd.Parameters.AddWithValue(org);
        cmd.Parameters.AddWithValue(role);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
