using System.Text;

namespace SkillsLedger.Domain.Events;

/// <summary>
/// The registry of event types: the contract's type names (snake_case of the record name, e.g. SkillAssessed →
/// skill_assessed) and how each is read from the wire. Adding an event type = one file in Events/People or
/// Events/Catalogue plus one line here; nothing else names the type by a string.
/// </summary>
public static class EventTypes
{
    private static readonly (Type Type, Func<Validation.EventFields, ILedgerEvent>? Read)[] Definitions =
    [
        Readable<SkillDefined>(), Readable<RoleProfileDefined>(), Readable<PersonHired>(), Readable<PersonMoved>(), Readable<PersonLeft>(),
        Readable<SkillAssessed>(), Readable<AssessmentRetracted>(), Readable<CourseCompleted>(), Readable<PerformanceSignal>(),
        Readable<ProgramCost>(), Readable<RoiAssumptionSet>(),
        // Contract v1.1: the course catalogue, programmes and strategic goals, and personal profiles.
        Readable<CourseDefined>(), Readable<ProgramDefined>(), Readable<StrategicGoalSet>(), Readable<StrategicGoalRetired>(),
        Readable<PersonProfileUpdated>(),
        // Issue 17: how xAPI statements become events (Events/Catalogue/XapiMappingSet.cs).
        Readable<XapiMappingSet>(),
        // Recorded by the ledger itself, never read from a client: a client sending one gets "unknown type".
        (typeof(PersonErased), null),
    ];

    public static readonly IReadOnlyList<Type> All = Definitions.Select(d => d.Type).ToArray();

    /// <summary>Types only the ledger itself records; a client sending one gets "unknown type".</summary>
    public static readonly IReadOnlySet<Type> ServerOnly = Definitions.Where(d => d.Read is null).Select(d => d.Type).ToHashSet();

    private static readonly Dictionary<Type, string> Names = All.ToDictionary(t => t, t => ToSnakeCase(t.Name));
    private static readonly Dictionary<string, Type> ByName = Names.ToDictionary(kv => kv.Value, kv => kv.Key);
    private static readonly Dictionary<Type, Func<Validation.EventFields, ILedgerEvent>> Readers =
        Definitions.Where(d => d.Read is not null).ToDictionary(d => d.Type, d => d.Read!);

    private static (Type, Func<Validation.EventFields, ILedgerEvent>?) Readable<T>() where T : ILedgerEvent, IReadableEvent<T> =>
        (typeof(T), f => T.Read(f));

    /// <summary>The contract name of an event type, e.g. NameOf&lt;SkillAssessed&gt;() = "skill_assessed".</summary>
    public static string NameOf<T>() where T : ILedgerEvent => NameOf(typeof(T));

    /// <summary>How a type a client may send is read from its wire format.</summary>
    public static Func<Validation.EventFields, ILedgerEvent> ReaderOf(Type type) => Readers[type];

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
