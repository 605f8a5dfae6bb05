using System.Runtime.CompilerServices;
using SkillsLedger.Analytics.People;
using SkillsLedger.Analytics.Roi;

namespace SkillsLedger.Analytics.Tests.Previous;

/// <summary>
/// THE IMPLEMENTATION BEFORE THE FLAT-ARRAY REWRITE, kept verbatim so the new one can be held to it on random
/// organisations (figures identical to the last bit). Not used by the product.
/// Difference in differences per metric. For each learner: mean of the metric in the <c>window</c> days after their
/// first completion in the programme minus the mean in the <c>window</c> days before. The comparison is people of the
/// same role who completed no course of the programme, over the same calendar windows; each learner's change is
/// netted against their comparison group's mean change. The DiD is the mean of those net changes, with a 95 %
/// Student-t interval over learners (it treats each comparison mean as known, so it is somewhat narrow when
/// comparison groups are small). Learners without signals in both windows, or without any comparison person with
/// signals in both, are left out and counted as unmatched.
/// </summary>
/// <remarks>
/// Cost: a comparison group's mean change depends only on the role, the metric and which of the recorded signal
/// times fall in the two windows, so it is computed once per such combination and reused — with monthly figures a few
/// hundred combinations serve 100,000 people, where recomputing it per learner was quadratic. The figures are the same
/// to the last bit: every mean still sums the same values in the same order.
/// </remarks>
public static class PreviousDifferenceInDifferences
{
    public static IReadOnlyList<DidEstimate> Estimate(string programId, IReadOnlyList<EmployeeHistory> people, IReadOnlyList<SignalRecord> signals, int windowDays)
    {
        var index = SignalIndex.For(signals);
        var (byPerson, times) = (index.ByPerson, index.Times);
        var roles = index.RolesOf(people);
        var learners = people
            .Select(p => (Person: p, First: p.Learning.Where(l => l.ProgramId == programId).Select(l => (DateTimeOffset?)l.CompletedAt).Min()))
            .Where(x => x.First is not null)
            .ToList();
        var groups = new Dictionary<GroupKey, ComparisonGroup?>();
        // Per role: which members took this programme (they are learners, never comparison people).
        var excluded = new Dictionary<RoleKey, bool[]>();
        bool[] ExcludedOf(string? role)
        {
            if (!excluded.TryGetValue(new RoleKey(role), out var mask))
                excluded[new RoleKey(role)] = mask = roles.MembersOf(role).Select(c => c.Learning.Any(l => l.ProgramId == programId)).ToArray();
            return mask;
        }

        var net = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var used = new Dictionary<string, HashSet<GroupKey>>(StringComparer.Ordinal);
        var unmatched = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (learner, first) in learners)
        {
            if (!byPerson.TryGetValue(learner.PersonId, out var own)) continue;
            foreach (var metric in own.Metrics)
            {
                var start = first!.Value;
                if (own.Change(metric, start, windowDays) is not { } delta) { Bump(unmatched, metric); continue; }
                var key = GroupKey.Of(learner.Role, metric, times[metric], start, windowDays);
                if (!groups.TryGetValue(key, out var group))
                    groups[key] = group = ComparisonGroup.Of(roles.Changes(key, byPerson, start, windowDays), ExcludedOf(learner.Role));
                if (group is null) { Bump(unmatched, metric); continue; }
                if (!net.TryGetValue(metric, out var list)) { net[metric] = list = []; used[metric] = []; }
                list.Add(delta - group.MeanChange);
                used[metric].Add(key);
            }
        }
        return net.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var m = Summary.MeanConfidenceInterval(kv.Value);
            // Everyone who served in at least one comparison group (a person has one role, so roles do not overlap).
            var comparisonPeople = used[kv.Key].GroupBy(k => new RoleKey(k.Role)).Sum(role =>
            {
                var mask = ExcludedOf(role.Key.Role);
                var served = new bool[mask.Length];
                foreach (var changes in role.Select(k => groups[k]!.Changes))
                    for (var i = 0; i < served.Length; i++) served[i] |= !mask[i] && changes[i] is not null;
                return served.Count(x => x);
            });
            return new DidEstimate(kv.Key, m.N, comparisonPeople, unmatched.GetValueOrDefault(kv.Key), m.Mean, m.CiLow, m.CiHigh);
        }).ToList();
    }

    private static void Bump(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>
    /// Signals by person and the distinct signal times per metric. Built once per signal list, however many programmes
    /// are estimated from it (ROI of every programme reads one list): a pure function of the list, kept only as long
    /// as the list itself is alive.
    /// </summary>
    private static class SignalIndex
    {
        private static readonly ConditionalWeakTable<IReadOnlyList<SignalRecord>, Built> Cache = new();

        public sealed record Built(Dictionary<string, PersonSignals> ByPerson, Dictionary<string, DateTimeOffset[]> Times)
        {
            private readonly ConditionalWeakTable<IReadOnlyList<EmployeeHistory>, RoleIndex> _roles = new();

            public RoleIndex RolesOf(IReadOnlyList<EmployeeHistory> people) =>
                _roles.GetValue(people, p => new RoleIndex(p.Where(x => ByPerson.ContainsKey(x.PersonId)).ToLookup(x => x.Role, StringComparer.Ordinal)));
        }

        public static Built For(IReadOnlyList<SignalRecord> signals) => Cache.GetValue(signals, s => new Built(
            s.GroupBy(x => x.PersonId).ToDictionary(g => g.Key, g => new PersonSignals(g), StringComparer.Ordinal),
            s.GroupBy(x => x.Metric).ToDictionary(g => g.Key, g => g.Select(x => x.At).Distinct().Order().ToArray(), StringComparer.Ordinal)));
    }

    /// <summary>
    /// The people of each role who have signals, in the order of `people`, and each one's change for a window
    /// signature — computed once and shared by every programme (a programme only leaves its own learners out).
    /// </summary>
    private sealed class RoleIndex(ILookup<string?, EmployeeHistory> members)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<GroupKey, double?[]> _changes = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<RoleKey, EmployeeHistory[]> _members = new();

        /// <summary>The role's people with signals, in the order of `people`.</summary>
        public EmployeeHistory[] MembersOf(string? role) => _members.GetOrAdd(new RoleKey(role), r => members[r.Role].ToArray());

        /// <summary>Each member's change (aligned with <see cref="MembersOf"/>); the same for every start with this key.</summary>
        public double?[] Changes(GroupKey key, Dictionary<string, PersonSignals> byPerson, DateTimeOffset start, int windowDays) =>
            _changes.GetOrAdd(key, k => MembersOf(k.Role).Select(c => byPerson[c.PersonId].Change(k.Metric, start, windowDays)).ToArray());
    }

    /// <summary>
    /// Role, metric and the windows expressed as ranges of the metric's recorded signal times: two starts with the
    /// same ranges select exactly the same signals of every person, hence the same comparison.
    /// </summary>
    private readonly record struct GroupKey(string? Role, string Metric, int BeforeFrom, int BeforeTo, int AfterFrom, int AfterTo)
    {
        public static GroupKey Of(string? role, string metric, DateTimeOffset[] times, DateTimeOffset start, int windowDays) =>
            new(role, metric,
                FirstIndex(times, t => t >= start.AddDays(-windowDays)), FirstIndex(times, t => t >= start),
                FirstIndex(times, t => t > start), FirstIndex(times, t => t > start.AddDays(windowDays)));
    }

    /// <summary>A role, possibly none (null): a dictionary key that allows the null role.</summary>
    private readonly record struct RoleKey(string? Role);

    private sealed record ComparisonGroup(double MeanChange, double?[] Changes)
    {
        /// <returns>Null when no comparison person has signals in both windows.</returns>
        /// <param name="changes">Each role member's change for the window signature.</param>
        /// <param name="excluded">Members who took the programme (aligned with <paramref name="changes"/>).</param>
        public static ComparisonGroup? Of(double?[] changes, bool[] excluded)
        {
            double? sum = null; // started from the first value, as Enumerable.Average(selector) does
            var count = 0;
            for (var i = 0; i < changes.Length; i++)
            {
                if (excluded[i] || changes[i] is not { } d) continue;
                sum = sum is { } t ? t + d : d;
                count++;
            }
            return sum is { } total ? new ComparisonGroup(total / count, changes) : null;
        }
    }

    /// <summary>One person's signals per metric, sorted by time (ties in their given order) for range lookups.</summary>
    private sealed class PersonSignals
    {
        private readonly Dictionary<string, (DateTimeOffset At, double Value, int Index)[]> _byMetric;

        public PersonSignals(IEnumerable<SignalRecord> signals)
        {
            _byMetric = signals.Select((s, i) => (s, i)).GroupBy(x => x.s.Metric, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(x => (x.s.At, x.s.Value, x.i)).OrderBy(x => x.At).ThenBy(x => x.i).ToArray(), StringComparer.Ordinal);
            Metrics = _byMetric.Keys.Order(StringComparer.Ordinal).ToList();
        }

        public IReadOnlyList<string> Metrics { get; }

        public double? Change(string metric, DateTimeOffset start, int windowDays)
        {
            if (!_byMetric.TryGetValue(metric, out var s)) return null;
            var before = Mean(s, FirstIndex(s, x => x.At >= start.AddDays(-windowDays)), FirstIndex(s, x => x.At >= start));
            var after = Mean(s, FirstIndex(s, x => x.At > start), FirstIndex(s, x => x.At > start.AddDays(windowDays)));
            return before is { } b && after is { } a ? a - b : null;
        }

        /// <summary>Mean of s[from..to), summed in the order the signals were given (as a filtered list would be).</summary>
        private static double? Mean((DateTimeOffset At, double Value, int Index)[] s, int from, int to)
        {
            if (to <= from) return null;
            var inGivenOrder = true;
            for (var i = from + 1; i < to && inGivenOrder; i++) inGivenOrder = s[i - 1].Index < s[i].Index;
            var sum = 0.0;
            if (inGivenOrder)
                for (var i = from; i < to; i++) sum += s[i].Value;
            else
            {
                var slice = s[from..to];
                Array.Sort(slice, (x, y) => x.Index.CompareTo(y.Index));
                foreach (var x in slice) sum += x.Value;
            }
            return sum / (to - from);
        }
    }

    /// <summary>Index of the first element satisfying a predicate that is false then true along the sorted array.</summary>
    private static int FirstIndex<T>(T[] sorted, Func<T, bool> atOrAfter)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (atOrAfter(sorted[mid])) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
