using System.Text;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Domain.Demo;

/// <summary>How big and how long the demo organisation is. <paramref name="AsOf"/> is the last day of history.</summary>
/// <param name="People">Everyone ever employed during the window (hired at the window start or later).</param>
/// <param name="Seed">Same seed and options give exactly the same events.</param>
/// <param name="Years">Length of history; every event lies in [AsOf − Years, AsOf].</param>
/// <param name="AsOf">Required in practice: the caller passes e.g. today's UTC date (the generator never reads the clock).</param>
public sealed record DemoOptions(int People = 2000, int Seed = 42, int Years = 3, DateOnly? AsOf = null);

/// <summary>What a generated (or any) event sequence contains, for the CLI to print.</summary>
public sealed record DemoSummary(int Events, IReadOnlyDictionary<string, int> EventsByType, int People, int Learners, int Leavers)
{
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"{Events} events: {People} people, {Learners} learners (completed a course), {Leavers} leavers");
        foreach (var (type, count) in EventsByType)
            text.AppendLine($"  {type,-22} {count,9}");
        return text.ToString();
    }
}

/// <summary>The days history covers, and the one way the demo turns a day and time into a UTC timestamp.</summary>
internal sealed record DemoWindow(DateOnly Start, DateOnly AsOf)
{
    public DateTimeOffset End => At(AsOf, 23, 59).AddSeconds(59);

    public static DateTimeOffset At(DateOnly day, int hour, int minute) =>
        new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);
}

/// <summary>
/// A synthetic but realistic mid-size organisation, as ledger events, for demos and for checking that analytics
/// find effects we know are there.
/// <para>
/// Catalogue (first, in this order): 12 skills on their own scales (mostly 1–5 with labels, cloud architecture 1–8,
/// data visualisation and process improvement 0–4), each with a category (technical, digital, power, domain,
/// leadership); 8 role profiles across 6 departments (Engineering, Customer
/// Support, Sales, Data, Operations, Product); ROI assumptions (loaded hourly cost, replacement cost in months,
/// value per unit of each department's output metric, with one later revision); a course catalogue of 16 courses in
/// every format (online, classroom, microlearning, coaching, simulation, community, blended, on the job); and programme costs in EUR for
/// four programmes (leadership academy, data literacy, cloud bootcamp, customer excellence) each year.
/// </para>
/// <para>
/// Then each person in turn (ids E000001…), their events in time order: hired (60 % on the first day of the window,
/// the rest spread through it); sometimes moved (a role move or a team change, about 1 in 10; half of the role moves
/// go to the usual next step, half to the role the person's true skills fit best); assessed on their role's
/// skills at onboarding, in spring and autumn reviews (self, manager, peer), by online tests, by certification and
/// by inference from courses, with about 1.5 % of assessments later retracted; courses completed (about half of
/// people, many in their first 90 days); a monthly output figure at each month end; and, for about 15–20 % a year,
/// leaving (mostly voluntary). Around 50 events per person on average.
/// </para>
/// <para>
/// Effects built in on purpose: once someone completes a first course their skills grow about three times as fast
/// (≈ +0.6 instead of +0.2 level a year on a 1–5 scale), each course lifts the skills it trains by an amount that
/// depends on its format, the skill's family and the learner's starting level, and the customer-excellence
/// programme lifts nothing (<see cref="DemoEffects"/>); people carry a birth year (about 6 % missing), their chance of
/// leaving drops to 60 %, and their monthly output rises by 12 %. Assessments scatter around the true level with
/// method-specific bias and noise (self-ratings run high, certifications are precise).
/// </para>
/// </summary>
public static class DemoOrganisation
{
    /// <summary>
    /// Streams the demo organisation: catalogue first, then one person at a time, so memory stays flat however many
    /// people are asked for. Deterministic: event ids such as <c>demo-s42-p000123-0007</c> make a second load a no-op.
    /// </summary>
    public static IEnumerable<ILedgerEvent> Generate(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AsOf is not { } asOf)
            throw new ArgumentException("Pass AsOf (e.g. today's UTC date): the demo never reads the clock, so runs repeat exactly.", nameof(options));
        if (options.People < 0) throw new ArgumentOutOfRangeException(nameof(options), "People must be ≥ 0.");
        if (options.Years is < 1 or > 50) throw new ArgumentOutOfRangeException(nameof(options), "Years must be between 1 and 50.");
        // Validation above runs now; the events themselves are produced only as the caller enumerates.
        return Stream(options, new DemoWindow(asOf.AddYears(-options.Years), asOf));
    }

    /// <summary>Counts events by type, and people hired, people who completed a course and people who left.</summary>
    public static DemoSummary Summarise(IEnumerable<ILedgerEvent> events)
    {
        var byType = EventTypes.All.ToDictionary(EventTypes.NameOf, _ => 0);
        var people = new HashSet<string>(StringComparer.Ordinal);
        var learners = new HashSet<string>(StringComparer.Ordinal);
        var leavers = new HashSet<string>(StringComparer.Ordinal);
        var total = 0;
        foreach (var e in events)
        {
            total++;
            byType[e.Type] = byType.GetValueOrDefault(e.Type) + 1;
            switch (e)
            {
                case PersonHired h: people.Add(h.PersonId); break;
                case CourseCompleted c: learners.Add(c.PersonId); break;
                case PersonLeft l: leavers.Add(l.PersonId); break;
            }
        }
        return new DemoSummary(total, byType, people.Count, learners.Count, leavers.Count);
    }

    private static IEnumerable<ILedgerEvent> Stream(DemoOptions options, DemoWindow window)
    {
        var number = 0;
        var catalogueRandom = DemoRandom.For(options.Seed, "catalogue", 0);
        foreach (var e in DemoCatalogue.Events(window, catalogueRandom))
            yield return e.WithEventId($"demo-s{options.Seed}-catalogue-{++number:D4}");

        var strategy = new DemoStrategy(window, options.Seed);
        for (var index = 0; index < options.People; index++)
            foreach (var e in strategy.Observe(DemoPerson.Live(options.Seed, window, options.People, index)))
                yield return e;
        foreach (var e in strategy.Events())
            yield return e;
    }
}
