using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SkillsLedger.Analytics.People;

namespace SkillsLedger.Analytics.Roi;

/// <summary>
/// People grouped by role for the difference in differences, and each role member's change for a comparison window —
/// computed once and shared by every programme estimated from the same people and signals (a programme only leaves
/// its own learners out). People are numbered by their index in the `people` list, roles by first appearance.
/// </summary>
internal sealed class RoleIndex
{
    private readonly PerformanceSignals _signals;
    private readonly int[][] _members;
    private readonly ConcurrentDictionary<DifferenceInDifferences.GroupKey, Lazy<MemberChanges>> _changes = new();

    public RoleIndex(PerformanceSignals signals, IReadOnlyList<EmployeeHistory> people)
    {
        _signals = signals;
        Slot = new int[people.Count];
        Role = new int[people.Count];
        var roles = new Dictionary<string, int>(StringComparer.Ordinal);
        var noRole = -1;
        var members = new List<List<int>>();
        for (var i = 0; i < people.Count; i++)
        {
            var role = people[i].Role;
            int number;
            if (role is null) number = noRole >= 0 ? noRole : noRole = Add();
            else if (!roles.TryGetValue(role, out number)) roles[role] = number = Add();
            Role[i] = number;
            Slot[i] = signals.SlotOf(people[i].PersonId);
            if (Slot[i] >= 0) members[number].Add(i);
        }
        _members = members.Select(m => m.ToArray()).ToArray();

        int Add()
        {
            members.Add([]);
            return members.Count - 1;
        }
    }

    /// <summary>Each person's slot in the signals (−1: no signal).</summary>
    public int[] Slot { get; }

    /// <summary>Each person's role number (people without a role share one).</summary>
    public int[] Role { get; }

    /// <summary>Members of the key's role who have a change in its windows, in the order of `people`, with that change.</summary>
    public MemberChanges Changes(DifferenceInDifferences.GroupKey key) => _changes.GetOrAdd(key, k => new Lazy<MemberChanges>(() => Compute(k))).Value;

    private MemberChanges Compute(DifferenceInDifferences.GroupKey k)
    {
        var person = new List<int>();
        var change = new List<double>();
        var w = k.Window;
        foreach (var i in _members[k.Role])
        {
            var run = _signals.RunOf(Slot[i], k.Metric);
            if (run < 0 || _signals.Change(run, w.BeforeFrom, w.BeforeTo, w.AfterFrom, w.AfterTo) is not { } d) continue;
            person.Add(i);
            change.Add(d);
        }
        return new MemberChanges([.. person], [.. change]);
    }

    public sealed record MemberChanges(int[] Person, double[] Change);
}

public sealed partial class PerformanceSignals
{
    private readonly ConditionalWeakTable<IReadOnlyList<EmployeeHistory>, Lazy<RoleIndex>> _roles = new();

    /// <summary>The role index of these people over these signals: kept as long as both are alive, built once.</summary>
    internal RoleIndex RolesOf(IReadOnlyList<EmployeeHistory> people) => _roles.GetValue(people, p => new Lazy<RoleIndex>(() => new RoleIndex(this, p))).Value;
}
