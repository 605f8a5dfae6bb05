using System.Runtime.CompilerServices;
using SkillsLedger.Analytics.People;

namespace SkillsLedger.Analytics.Roi;

/// <summary>
/// The people who completed at least one course of a programme (by index in `people`, in its order), the date of
/// their first completion in it, and a mask of them over everyone. Found for every programme in one pass over the
/// people and kept as long as the list is alive: ROI of every programme asked the same 100,000 people once per
/// programme before.
/// </summary>
internal sealed record ProgrammeLearners(int[] People, DateTimeOffset[] First, bool[] Took)
{
    // Lazy: programmes computed in parallel wait for one build instead of each making its own.
    private static readonly ConditionalWeakTable<IReadOnlyList<EmployeeHistory>, Lazy<Dictionary<string, ProgrammeLearners>>> Cache = new();

    public static ProgrammeLearners Of(IReadOnlyList<EmployeeHistory> people, string programId) =>
        Cache.GetValue(people, p => new Lazy<Dictionary<string, ProgrammeLearners>>(() => Build(p))).Value.TryGetValue(programId, out var found)
            ? found
            : new ProgrammeLearners([], [], new bool[people.Count]);

    private static Dictionary<string, ProgrammeLearners> Build(IReadOnlyList<EmployeeHistory> people)
    {
        var found = new Dictionary<string, (List<int> People, List<DateTimeOffset> First)>(StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++)
            foreach (var course in people[i].Learning)
            {
                if (course.ProgramId is not { } programme) continue;
                if (!found.TryGetValue(programme, out var list)) found[programme] = list = ([], []);
                var last = list.People.Count - 1;
                if (last < 0 || list.People[last] != i)
                {
                    list.People.Add(i);
                    list.First.Add(course.CompletedAt);
                }
                else if (course.CompletedAt < list.First[last]) list.First[last] = course.CompletedAt; // the earliest, first one on ties
            }
        return found.ToDictionary(kv => kv.Key, kv =>
        {
            var took = new bool[people.Count];
            foreach (var i in kv.Value.People) took[i] = true;
            return new ProgrammeLearners([.. kv.Value.People], [.. kv.Value.First], took);
        }, StringComparer.Ordinal);
    }
}
