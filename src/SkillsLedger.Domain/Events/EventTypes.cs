using System.Text;

namespace SkillsLedger.Domain.Events;

/// <summary>The contract's type names: snake_case of the record name, e.g. SkillAssessed → skill_assessed.</summary>
public static class EventTypes
{
    public static readonly IReadOnlyList<Type> All =
    [
        typeof(SkillDefined), typeof(RoleProfileDefined), typeof(PersonHired), typeof(PersonMoved), typeof(PersonLeft),
        typeof(SkillAssessed), typeof(AssessmentRetracted), typeof(CourseCompleted), typeof(PerformanceSignal),
        typeof(ProgramCost), typeof(RoiAssumptionSet), typeof(PersonErased),
    ];

    /// <summary>Types only the ledger itself records; a client sending one gets "unknown type".</summary>
    public static readonly IReadOnlySet<Type> ServerOnly = new HashSet<Type> { typeof(PersonErased) };

    private static readonly Dictionary<Type, string> Names = All.ToDictionary(t => t, t => ToSnakeCase(t.Name));
    private static readonly Dictionary<string, Type> ByName = Names.ToDictionary(kv => kv.Value, kv => kv.Key);

    public static string NameOf(Type type) => Names.TryGetValue(type, out var name) ? name : ToSnakeCase(type.Name);

    /// <summary>A type a client may send, by its contract name.</summary>
    public static Type? Find(string name) => ByName.GetValueOrDefault(name) is { } t && !ServerOnly.Contains(t) ? t : null;

    public static IEnumerable<string> AllNames => ByName.Where(kv => !ServerOnly.Contains(kv.Value)).Select(kv => kv.Key).Order(StringComparer.Ordinal);

    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
