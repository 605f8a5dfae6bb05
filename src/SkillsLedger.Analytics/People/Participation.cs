namespace SkillsLedger.Analytics.People;

/// <summary>One group in one year: of the n people employed at some time in it, how many completed at least one course.</summary>
/// <param name="Share">participants / n with its Wilson 95 % interval; null when suppressed (n &lt; minGroupSize).</param>
public sealed record ParticipationYear(string Group, DateTimeOffset From, DateTimeOffset To, int N, int? Participants, double? Share, double? CiLow,
    double? CiHigh, bool Suppressed);

/// <summary>
/// Participation in learning (issue 15; docs/methods.md "Generations"): for each of the last <c>years</c> years
/// before asOf, the window (asOf − k − 1 years, asOf − k years], the people employed at some time in the window
/// (hired by its end, not left before its start) and the share of them with at least one course completion in it,
/// with a Wilson 95 % interval. Groups with fewer than minGroupSize people in a year show n only.
/// </summary>
public static class Participation
{
    public static IReadOnlyList<ParticipationYear> Compute(IEnumerable<EmployeeHistory> people, DateTimeOffset asOf, Func<EmployeeHistory, string> groupOf,
        int minGroupSize, int years = 3)
    {
        var all = people.ToList();
        var rows = new List<ParticipationYear>();
        for (var k = 0; k < years; k++)
        {
            var to = asOf.AddYears(-k);
            var from = asOf.AddYears(-k - 1);
            var employed = all.Where(p => p.HiredAt <= to && (p.LeftAt is null || p.LeftAt > from));
            foreach (var g in employed.GroupBy(groupOf).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var n = g.Count();
                if (n < minGroupSize) { rows.Add(new ParticipationYear(g.Key, from, to, n, null, null, null, null, true)); continue; }
                var participants = g.Count(p => p.Learning.Any(l => l.CompletedAt > from && l.CompletedAt <= to));
                var ci = Proportion.WilsonInterval(participants, n);
                rows.Add(new ParticipationYear(g.Key, from, to, n, participants, ci.P, ci.Low, ci.High, false));
            }
        }
        return rows;
    }
}
