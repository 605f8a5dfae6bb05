using System.Diagnostics;
using System.Text.Json;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.Validation;
using Xunit.Abstractions;

namespace SkillsLedger.Domain.Tests.Demo;

public class DemoOrganisationTests(ITestOutputHelper output)
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);
    private static readonly DemoOptions Default = new(AsOf: AsOf);
    private static readonly Lazy<IReadOnlyList<ILedgerEvent>> DefaultRun = new(() => DemoOrganisation.Generate(Default).ToList());
    private static IReadOnlyList<ILedgerEvent> Events => DefaultRun.Value;

    [Fact]
    public void Same_options_give_the_same_events()
    {
        var options = new DemoOptions(People: 300, Seed: 7, AsOf: AsOf);
        Assert.Equal(Json(DemoOrganisation.Generate(options)), Json(DemoOrganisation.Generate(options)));
    }

    [Fact]
    public void Different_seeds_give_different_events()
    {
        var a = Json(DemoOrganisation.Generate(new DemoOptions(People: 50, Seed: 1, AsOf: AsOf)));
        var b = Json(DemoOrganisation.Generate(new DemoOptions(People: 50, Seed: 2, AsOf: AsOf)));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Every_event_has_a_unique_short_id()
    {
        Assert.All(Events, e => Assert.InRange(e.EventId?.Length ?? 0, 1, EventReader.MaxEventIdLength));
        Assert.Equal(Events.Count, Events.Select(e => e.EventId).Distinct().Count());
        Assert.Equal("demo-s42-catalogue-0001", Events[0].EventId);
    }

    [Fact]
    public void Catalogue_comes_first_in_the_order_consumers_need()
    {
        var catalogueTypes = Events.TakeWhile(e => e is ICatalogueEvent).Select(e => e.Type).Distinct().ToList();
        Assert.Equal(["skill_defined", "role_profile_defined", "course_defined", "roi_assumption_set", "program_cost"], catalogueTypes);
        // The strategy (programmes and goals) comes after the people: its headcounts are derived from what they supply.
        var afterPeople = Events.SkipWhile(e => e is ICatalogueEvent).SkipWhile(e => e is IPersonEvent).ToList();
        Assert.Equal(["program_defined", "strategic_goal_set"], afterPeople.Select(e => e.Type).Distinct());
    }

    [Fact]
    public void Assessments_are_on_defined_skills_and_within_their_scale()
    {
        var scales = new Dictionary<string, SkillDefined>();
        foreach (var e in Events)
        {
            if (e is SkillDefined s) scales[s.Skill] = s;
            if (e is SkillAssessed a)
            {
                Assert.True(scales.TryGetValue(a.Skill, out var scale), $"{a.Skill} assessed before it was defined");
                Assert.InRange(a.Level, scale.ScaleMin, scale.ScaleMax);
            }
        }
        Assert.Contains(scales.Values, s => s.ScaleMax - s.ScaleMin != 4); // scales really differ
    }

    [Fact]
    public void The_ledger_batch_rules_accept_the_whole_demo()
    {
        var events = DemoOrganisation.Generate(new DemoOptions(People: 300, AsOf: AsOf)).ToList();
        var outcome = BatchRules.Check(events, new EmptyLedger(), new DateTimeOffset(AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        Assert.Empty(outcome.Errors);
        Assert.Equal(events.Count, outcome.ToAppend.Count);
    }

    [Fact]
    public void Retractions_follow_their_assessment_for_the_same_person()
    {
        var assessments = new Dictionary<string, SkillAssessed>();
        var retractions = 0;
        foreach (var e in Events)
        {
            if (e is SkillAssessed a) assessments[a.EventId!] = a;
            if (e is not AssessmentRetracted r) continue;
            retractions++;
            Assert.True(assessments.TryGetValue(r.RetractsEventId, out var target), $"{r.RetractsEventId} not seen before its retraction");
            Assert.Equal(target.PersonId, r.PersonId);
            Assert.True(r.OccurredAt > target.OccurredAt);
        }
        var share = (double)retractions / assessments.Count;
        Assert.InRange(share, 0.005, 0.03);
    }

    [Fact]
    public void Every_event_lies_in_the_window_in_utc()
    {
        var start = new DateTimeOffset(AsOf.AddYears(-Default.Years).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(AsOf.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
        Assert.All(Events, e =>
        {
            Assert.Equal(TimeSpan.Zero, e.OccurredAt.Offset);
            Assert.InRange(e.OccurredAt, start, end);
        });
    }

    [Fact]
    public void Every_assessment_method_appears()
    {
        var methods = Events.OfType<SkillAssessed>().Select(a => a.Method).ToHashSet();
        Assert.Equal(Enum.GetValues<AssessmentMethod>().ToHashSet(), methods);
        Assert.All(Events.OfType<SkillAssessed>().Where(a => a.Method is AssessmentMethod.Peer or AssessmentMethod.Manager),
            a => Assert.NotEqual(a.PersonId, a.AssessorId));
    }

    [Fact]
    public void People_come_one_by_one_with_their_events_in_time_order()
    {
        var people = Events.OfType<IPersonEvent>().ToList();
        var seen = new HashSet<string>();
        for (var i = 0; i < people.Count; i++)
        {
            var sameAsPrevious = i > 0 && people[i].PersonId == people[i - 1].PersonId;
            if (sameAsPrevious) Assert.True(people[i].OccurredAt >= people[i - 1].OccurredAt, $"{people[i].EventId} out of order");
            else Assert.True(seen.Add(people[i].PersonId), $"{people[i].PersonId} appears in two separate runs");
            if (!sameAsPrevious) Assert.IsType<PersonHired>(people[i]);
        }
        Assert.Equal(Default.People, seen.Count);
        Assert.All(people.OfType<PersonLeft>(), left => Assert.Same(left, people.Last(p => p.PersonId == left.PersonId)));
    }

    [Fact]
    public void Learners_skills_grow_faster_than_non_learners()
    {
        var (learners, others) = SplitByLearning();
        var retracted = Events.OfType<AssessmentRetracted>().Select(r => r.RetractsEventId).ToHashSet();
        var ranges = Events.OfType<SkillDefined>().ToDictionary(s => s.Skill, s => (double)(s.ScaleMax - s.ScaleMin));
        var slopes = Events.OfType<SkillAssessed>()
            .Where(a => !retracted.Contains(a.EventId!))
            .GroupBy(a => (a.PersonId, a.Skill))
            .Where(g => g.Count() >= 4 && (g.Max(a => a.OccurredAt) - g.Min(a => a.OccurredAt)).TotalDays >= 180)
            .Select(g => (g.Key.PersonId, Slope: LevelsPerYear(g.ToList()) / ranges[g.Key.Skill] * 4)) // in 1–5-scale levels
            .ToList();
        var learnerGrowth = slopes.Where(s => learners.Contains(s.PersonId)).Average(s => s.Slope);
        var otherGrowth = slopes.Where(s => others.Contains(s.PersonId)).Average(s => s.Slope);
        output.WriteLine($"Mean growth (levels/year, 1–5 scale): learners {learnerGrowth:F2}, non-learners {otherGrowth:F2}");
        Assert.True(learnerGrowth > otherGrowth + 0.1, $"learners {learnerGrowth:F2} vs non-learners {otherGrowth:F2}");
    }

    [Fact]
    public void Learners_leave_less_often()
    {
        var (learners, others) = SplitByLearning();
        var leavers = Events.OfType<PersonLeft>().Select(l => l.PersonId).ToHashSet();
        var learnerShare = (double)learners.Count(leavers.Contains) / learners.Count;
        var otherShare = (double)others.Count(leavers.Contains) / others.Count;
        output.WriteLine($"Left during the window: learners {learnerShare:P1}, non-learners {otherShare:P1}");
        Assert.True(learnerShare < otherShare);
    }

    [Fact]
    public void Generation_is_lazy_even_for_ten_million_people()
    {
        var clock = Stopwatch.StartNew();
        var first = DemoOrganisation.Generate(new DemoOptions(People: 10_000_000, AsOf: AsOf))
            .OfType<IPersonEvent>().Take(10).ToList();
        Assert.Equal(10, first.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Twenty_thousand_people_stream_through_without_being_held()
    {
        // Counting consumes the stream one event at a time; nothing here keeps the sequence.
        long count = 0;
        foreach (var _ in DemoOrganisation.Generate(new DemoOptions(People: 20_000, Seed: 3, AsOf: AsOf))) count++;
        output.WriteLine($"20,000 people: {count} events");
        Assert.InRange(count, 20_000 * 30L, 20_000 * 80L);
    }

    [Fact]
    public void Missing_as_of_is_rejected_before_enumeration()
    {
        Assert.Throws<ArgumentException>(() => DemoOrganisation.Generate(new DemoOptions()));
    }

    [Fact]
    public void Moves_change_something_real()
    {
        var team = new Dictionary<string, string?>();
        foreach (var e in Events.OfType<IPersonEvent>())
        {
            if (e is PersonHired h) team[h.PersonId] = h.Team;
            if (e is not PersonMoved m) continue;
            Assert.True(m.Role is not null || m.Team is not null);
            if (m.Team is not null) Assert.NotEqual(team[m.PersonId], m.Team);
        }
        Assert.InRange(Events.OfType<PersonMoved>().Count(), Default.People * 5 / 100, Default.People * 15 / 100);
    }

    [Fact]
    public void Summary_counts_the_default_organisation()
    {
        var summary = DemoOrganisation.Summarise(Events);
        output.WriteLine(summary.ToString());
        Assert.Equal(Events.Count, summary.Events);
        Assert.Equal(Default.People, summary.People);
        Assert.InRange(summary.Learners, Default.People * 40 / 100, Default.People * 50 / 100);
        Assert.InRange((double)summary.Events / summary.People, 40, 65);
        // Every client event type but three: no demo goal is retired and no profile updated; and how an organisation's
        // xAPI statements become events (issue 17) is not demo data.
        var contractV11 = new[] { typeof(StrategicGoalRetired), typeof(PersonProfileUpdated), typeof(XapiMappingSet) };
        Assert.All(EventTypes.All.Where(t => !EventTypes.ServerOnly.Contains(t) && !contractV11.Contains(t)), t => Assert.True(summary.EventsByType[EventTypes.NameOf(t)] > 0, $"no {EventTypes.NameOf(t)}"));
    }

    [Fact]
    public void The_course_catalogue_covers_every_format_and_completions_use_it()
    {
        var courses = Events.OfType<CourseDefined>().ToList();
        Assert.Equal(Enum.GetValues<CourseModality>().ToHashSet(), courses.Select(c => c.Modality).ToHashSet());
        var ids = courses.Select(c => c.CourseId).ToHashSet();
        Assert.All(Events.OfType<CourseCompleted>(), c => Assert.Contains(c.CourseId, ids));
        Assert.All(Events.OfType<SkillDefined>(), s => Assert.Contains(s.Category, new[] { "technical", "digital", "power", "domain", "leadership" }));
    }

    [Fact]
    public void Birth_years_span_four_generations_and_some_are_missing()
    {
        var years = Events.OfType<PersonHired>().Select(h => h.BirthYear).ToList();
        var known = years.Where(y => y is not null).Select(y => int.Parse(y!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(known, y => Assert.InRange(y, 1930, 2015));
        Assert.True(known.Any(y => y <= 1964) && known.Any(y => y is >= 1965 and <= 1980) && known.Any(y => y is >= 1981 and <= 1996) && known.Any(y => y >= 1997),
            "not every generation is present");
        Assert.InRange(years.Count(y => y is null), years.Count / 50, years.Count / 8);
    }

    /// <summary>
    /// The built-in effects (DemoEffects) show in the true positions the assessments scatter around: the mean rise of a
    /// power skill between the last assessment before a course and the first after it is clearly larger for coaching and
    /// blended courses than for online ones, and the customer-excellence programme's courses move nothing beyond drift.
    /// </summary>
    [Fact]
    public void Formats_with_people_in_the_room_move_power_skills_more_than_online_ones()
    {
        var course = Events.OfType<CourseDefined>().ToDictionary(c => c.CourseId);
        var power = Events.OfType<SkillDefined>().Where(s => s.Category is "power" or "leadership").Select(s => s.Skill).ToHashSet();
        var byPerson = Events.OfType<SkillAssessed>().Where(a => a.Method is AssessmentMethod.Manager or AssessmentMethod.Test or AssessmentMethod.Certification)
            .GroupBy(a => (a.PersonId, a.Skill)).ToDictionary(g => g.Key, g => g.OrderBy(a => a.OccurredAt).ToList());
        var rises = new Dictionary<string, List<double>>();
        foreach (var c in Events.OfType<CourseCompleted>())
            foreach (var skill in c.Skills ?? [])
            {
                if (!power.Contains(skill) || !byPerson.TryGetValue((c.PersonId, skill), out var list)) continue;
                var before = list.LastOrDefault(a => a.OccurredAt < c.OccurredAt && a.OccurredAt > c.OccurredAt.AddDays(-200));
                var after = list.FirstOrDefault(a => a.OccurredAt > c.OccurredAt && a.OccurredAt < c.OccurredAt.AddDays(200));
                if (before is null || after is null) continue;
                var key = c.ProgramId == "customer-excellence" ? "null programme" : course[c.CourseId].Modality.ToString();
                (rises.TryGetValue(key, out var r) ? r : rises[key] = []).Add((double)(after.Level - before.Level));
            }
        foreach (var (k, v) in rises) output.WriteLine($"{k}: n = {v.Count}, mean rise {v.Average():F3}");
        Assert.True(rises["Coaching"].Average() > rises["Online"].Average() + 0.15);
        Assert.True(rises["Blended"].Average() > rises["Online"].Average() + 0.15);
        Assert.True(rises["null programme"].Average() < rises["Coaching"].Average() - 0.3);
    }

    private static (HashSet<string> Learners, HashSet<string> Others) SplitByLearning()
    {
        var learners = Events.OfType<CourseCompleted>().Select(c => c.PersonId).ToHashSet();
        var others = Events.OfType<PersonHired>().Select(h => h.PersonId).Where(p => !learners.Contains(p)).ToHashSet();
        return (learners, others);
    }

    /// <summary>Least-squares slope of level against time, in levels per year.</summary>
    private static double LevelsPerYear(IReadOnlyList<SkillAssessed> points)
    {
        var origin = points[0].OccurredAt;
        var xs = points.Select(p => (p.OccurredAt - origin).TotalDays / 365.25).ToList();
        var ys = points.Select(p => (double)p.Level).ToList();
        var (meanX, meanY) = (xs.Average(), ys.Average());
        var covariance = xs.Zip(ys, (x, y) => (x - meanX) * (y - meanY)).Sum();
        var variance = xs.Sum(x => (x - meanX) * (x - meanX));
        return covariance / variance;
    }

    private static List<string> Json(IEnumerable<ILedgerEvent> events) =>
        events.Select(e => JsonSerializer.Serialize(e, e.GetType())).ToList();

    private sealed class EmptyLedger : ILedgerLookup
    {
        public SkillScale? FindSkill(string skill) => null;
        public KnownEvent? FindEvent(string eventId) => null;
    }
}
