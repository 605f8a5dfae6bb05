using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.SkillLevels;
using SkillsLedger.Domain.Strategy;

namespace SkillsLedger.Domain.Demo;

/// <summary>
/// The demo's strategy: the four programmes (program_defined) linked to three strategic goals, one programme
/// (customer excellence) linked to none, and the goals themselves, built so that one is on track, one at risk and one
/// off track whatever the demo's size and seed. The headcounts are derived from what the generated people actually
/// supply (rule weighted-recency v1 at the end of history), tallied person by person as the people stream past, so
/// memory stays flat: <see cref="Observe"/> sees each person's events, <see cref="Events"/> comes after the last person.
/// </summary>
internal sealed class DemoStrategy(DemoWindow window, int seed)
{
    private const string Source = "demo:strategy";

    /// <summary>On track: plenty of engineers already at level 4 of 8 in cloud architecture, the goal asks for fewer.</summary>
    public static readonly GoalTarget CloudTarget = new("cloud-architecture", 4m, 1, new TargetScope("Engineering", null, null));

    /// <summary>At risk: data analysis at level 3 across the organisation, asked for about what the trend reaches.</summary>
    public static readonly GoalTarget DataTarget = new("data-analysis", 3m, 1, null);

    /// <summary>Off track: more coaches at level 4 among team leads than there are team leads.</summary>
    public static readonly GoalTarget CoachingTarget = new("coaching", 4m, 1, new TargetScope(null, "team-lead", null));

    private static readonly GoalTarget[] Tallied = [CloudTarget, DataTarget, CoachingTarget];
    private readonly int[] _supplyNow = new int[Tallied.Length];
    private readonly int[] _supplyYearAgo = new int[Tallied.Length];
    private readonly int[] _inScopeNow = new int[Tallied.Length];

    /// <summary>Counts one person's contribution to each target now and a year ago, and passes the events on unchanged.</summary>
    public IReadOnlyList<ILedgerEvent> Observe(IEnumerable<ILedgerEvent> personEvents)
    {
        var events = personEvents as IReadOnlyList<ILedgerEvent> ?? personEvents.ToList();
        if (events.Count == 0 || events[0] is not IPersonEvent first) return events;
        var member = new WorkforceMember(first.PersonId);
        var sequence = 0L;
        foreach (var e in events) member.Apply(e, new Provenance(++sequence, e.EventId ?? "", e.OccurredAt, null, null));
        var now = window.End;
        var yearAgo = now.AddYears(-1);
        for (var k = 0; k < Tallied.Length; k++)
        {
            if (Coverage.InScopeAt(member, Tallied[k].Scope, now, now)) _inScopeNow[k]++;
            if (Coverage.Supplies(member, Tallied[k], now, now)) _supplyNow[k]++;
            if (Coverage.Supplies(member, Tallied[k], yearAgo, yearAgo)) _supplyYearAgo[k]++;
        }
        return events;
    }

    /// <summary>program_defined for the four programmes, then the goals (one revised later), with their event ids.</summary>
    public IEnumerable<ILedgerEvent> Events()
    {
        var opening = DemoWindow.At(window.Start, 0, 0);
        var due = window.AsOf.AddYears(1);
        var (cloud, data, coaching) = (_supplyNow[0], _supplyNow[1], _inScopeNow[2]);
        // Supply now plus a quarter of last year's rise: departures take back most of the growth, so the forecast's
        // middle lies just above today's supply (checked over sizes and seeds in StrategyDemoTests).
        var dataHeadcount = Math.Max(1, data + Math.Max(0, data - _supplyYearAgo[1]) / 4);
        ILedgerEvent[] events =
        [
            new ProgramDefined("cloud-bootcamp", "Cloud bootcamp", ["cloud-ready-engineering"], "Head of Engineering", opening, Source: Source),
            new ProgramDefined("data-literacy", "Data literacy", ["data-literate-organisation"], "Chief Data Officer", opening, Source: Source),
            new ProgramDefined("leadership-academy", "Leadership academy", ["coaching-leadership"], "HR director", opening, Source: Source),
            new ProgramDefined("customer-excellence", "Customer excellence", [], "Head of Customer Support", opening, Source: Source),
            Goal("cloud-ready-engineering", "Cloud-ready engineering", window.AsOf.AddMonths(6), CloudTarget, Math.Max(1, cloud * 8 / 10),
                "Engineers able to design cloud systems for the platform migration", window.AsOf.AddMonths(-9)),
            Goal("data-literate-organisation", "A data-literate organisation", due, DataTarget, dataHeadcount,
                "People across every department who analyse data at working level", window.AsOf.AddMonths(-6)),
            Goal("coaching-leadership", "Every team lead a coach", due, CoachingTarget, coaching + Math.Max(3, (coaching + 1) / 2),
                "Team leads coaching at advanced level, and more team leads grown from within", window.AsOf.AddMonths(-6)),
            // The revision: the migration was re-planned, so the goal asks for fewer engineers by a later date.
            Goal("cloud-ready-engineering", "Cloud-ready engineering", due, CloudTarget, Math.Max(1, cloud * 6 / 10),
                "Revised after the migration was re-planned: fewer engineers, six months later", window.AsOf.AddMonths(-3)),
        ];
        var number = 0;
        return events.Select(e => e.WithEventId($"demo-s{seed}-strategy-{++number:D4}"));
    }

    private static StrategicGoalSet Goal(string id, string name, DateOnly due, GoalTarget target, int headcount, string note, DateOnly setOn) =>
        new(id, name, due, [target with { Headcount = headcount }], note, DemoWindow.At(setOn, 9, 0), Source: Source);
}
