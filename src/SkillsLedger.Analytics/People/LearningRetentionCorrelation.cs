namespace SkillsLedger.Analytics.People;

public enum LearningMeasure { Courses, Hours }

public sealed record CorrelationResult(int N, double R, double? CiLow, double? CiHigh, double? P, int Learners, int Leavers);

/// <summary>
/// Point-biserial correlation between learning in a window (course count or hours) and leaving in the same
/// window, among everyone employed at any time in it. Point-biserial r is Pearson's r with a 0/1 variable; the
/// interval uses Fisher's z (n &gt; 3) and the p-value the t test with n − 2 df. It measures association, not
/// effect: people who leave early have less time to learn (see docs/methods.md).
/// </summary>
public static class LearningRetentionCorrelation
{
    public static CorrelationResult? Compute(IEnumerable<EmployeeHistory> people, DateTimeOffset from, DateTimeOffset to, LearningMeasure measure)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var p in people.Where(p => p.EmployedDuring(from, to)))
        {
            var inWindow = p.Learning.Where(l => l.CompletedAt >= from && l.CompletedAt <= to).ToList();
            xs.Add(measure == LearningMeasure.Courses ? inWindow.Count : inWindow.Sum(l => l.Hours));
            ys.Add(p.LeftAt is { } left && left >= from && left <= to ? 1 : 0);
        }
        if (xs.Count < 3) return null;
        var learners = xs.Count(x => x > 0);
        var leavers = (int)ys.Sum();
        // No variation on either side: the correlation is undefined, say so rather than invent 0.
        if (xs.Distinct().Count() < 2 || leavers == 0 || leavers == ys.Count)
            return new CorrelationResult(xs.Count, double.NaN, null, null, null, learners, leavers);
        var r = Pearson.Correlation(xs, ys);
        var ci = xs.Count > 3 ? FisherZ.ConfidenceInterval(r, xs.Count) : null;
        var t = Math.Abs(r) < 1 ? CorrelationTest.TTest(r, xs.Count) : null;
        return new CorrelationResult(xs.Count, r, ci?.Low, ci?.High, t?.PValue, learners, leavers);
    }
}
