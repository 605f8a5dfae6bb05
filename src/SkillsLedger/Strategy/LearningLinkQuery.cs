using Npgsql;
using SkillsLedger.Analytics.Roi;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Strategy;

/// <summary>
/// Learning linked to strategy, from the analytics read model: per programme its learners, hours and cost as ROI
/// counts it (programme costs up to asOf + learners' hours × loaded_hourly_cost), which goals it serves (its
/// program_defined in force), and the share of all hours and spend that goes to programmes linked to some goal.
/// </summary>
public static class LearningLinkQuery
{
    public const string NoProgramme = "(no programme)";

    private sealed record Completion(string ProgramId, string PersonId, double Hours);

    public static async Task<(LearningLink All, Func<IReadOnlyList<string>, GoalLearning> ForGoal)> LoadAsync(
        LedgerDatabase db, string org, DateTimeOffset asOf, IReadOnlyList<ProgramDefined> programmes, IReadOnlySet<string> liveGoals, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var completions = new List<Completion>();
        await using (var cmd = new NpgsqlCommand(
            "select coalesce(program_id, $3), person_id, hours::double precision from analytics.course_completion where org_id = $1 and completed_at <= $2 order by event_id", conn))
        {
            cmd.Parameters.AddWithValue(org);
            cmd.Parameters.AddWithValue(asOf);
            cmd.Parameters.AddWithValue(NoProgramme);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) completions.Add(new Completion(r.GetString(0), r.GetString(1), r.GetDouble(2)));
        }
        var costs = new Dictionary<string, double>(StringComparer.Ordinal);
        var currencies = new SortedSet<string>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand(
            "select program_id, currency, sum(amount order by event_id)::double precision from analytics.program_cost where org_id = $1 and occurred_at <= $2 group by 1, 2", conn))
        {
            cmd.Parameters.AddWithValue(org);
            cmd.Parameters.AddWithValue(asOf);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                costs[r.GetString(0)] = costs.GetValueOrDefault(r.GetString(0)) + r.GetDouble(2);
                currencies.Add(r.GetString(1));
            }
        }
        double hourly;
        await using (var cmd = new NpgsqlCommand("select value::double precision from analytics.roi_assumption where org_id = $1 and name = $2", conn))
        {
            cmd.Parameters.AddWithValue(org);
            cmd.Parameters.AddWithValue(RoiCalculator.LoadedHourlyCost);
            hourly = await cmd.ExecuteScalarAsync(ct) is double v ? v : 0;
        }

        var byId = programmes.ToDictionary(p => p.ProgramId, StringComparer.Ordinal);
        var ids = completions.Select(c => c.ProgramId).Concat(costs.Keys).Concat(byId.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var rows = ids.Select(id =>
        {
            var of = completions.Where(c => c.ProgramId == id).ToList();
            var hours = of.Sum(c => c.Hours);
            var programCosts = costs.GetValueOrDefault(id);
            var goals = byId.TryGetValue(id, out var p) ? p.Goals.Where(liveGoals.Contains).ToList() : [];
            return new ProgrammeLearning(id, p?.Name, goals, of.Select(c => c.PersonId).Distinct().Count(), of.Count, hours,
                programCosts, hours * hourly, programCosts + hours * hourly);
        }).ToList();
        var linked = rows.Where(r => r.Goals.Count > 0).ToList();
        var (allHours, allCost) = (rows.Sum(r => r.Hours), rows.Sum(r => r.TotalCost));
        var currency = string.Join("+", currencies);
        var all = new LearningLink(allHours, allCost, currency, linked.Sum(r => r.Hours), linked.Sum(r => r.TotalCost),
            allHours > 0 ? linked.Sum(r => r.Hours) / allHours : null, allCost > 0 ? linked.Sum(r => r.TotalCost) / allCost : null,
            hourly, rows, rows.Where(r => r.Goals.Count == 0).ToList());

        GoalLearning ForGoal(IReadOnlyList<string> goalIds)
        {
            var served = rows.Where(r => r.Goals.Any(goalIds.Contains)).Select(r => r.ProgramId).ToHashSet(StringComparer.Ordinal);
            var of = completions.Where(c => served.Contains(c.ProgramId)).ToList();
            return new GoalLearning(served.Order(StringComparer.Ordinal).ToList(), of.Select(c => c.PersonId).Distinct().Count(), of.Sum(c => c.Hours),
                rows.Where(r => served.Contains(r.ProgramId)).Sum(r => r.TotalCost), currency);
        }
        return (all, ForGoal);
    }
}
