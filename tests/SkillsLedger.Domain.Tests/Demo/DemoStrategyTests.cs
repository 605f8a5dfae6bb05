using SkillsLedger.Domain.Demo;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.SkillLevels;
using SkillsLedger.Domain.Strategy;

namespace SkillsLedger.Domain.Tests.Demo;

public class DemoStrategyTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);
    private static readonly IReadOnlyList<ILedgerEvent> Events = DemoOrganisation.Generate(new DemoOptions(People: 600, Seed: 3, AsOf: AsOf)).ToList();

    [Fact]
    public void Four_programmes_are_defined_and_one_is_linked_to_no_goal()
    {
        var programmes = Events.OfType<ProgramDefined>().ToList();
        Assert.Equal(["cloud-bootcamp", "customer-excellence", "data-literacy", "leadership-academy"], programmes.Select(p => p.ProgramId).Order());
        Assert.Equal(["customer-excellence"], programmes.Where(p => p.Goals.Count == 0).Select(p => p.ProgramId));
        var goals = Events.OfType<StrategicGoalSet>().Select(g => g.GoalId).ToHashSet();
        Assert.Equal(3, goals.Count);
        Assert.All(programmes.SelectMany(p => p.Goals), g => Assert.Contains(g, goals));
    }

    [Fact]
    public void One_goal_is_revised_later_with_its_first_version_kept()
    {
        var cloud = Events.OfType<StrategicGoalSet>().Where(g => g.GoalId == "cloud-ready-engineering").ToList();
        Assert.Equal(2, cloud.Count);
        Assert.True(cloud[1].OccurredAt > cloud[0].OccurredAt);
        Assert.True(cloud[1].DueDate > cloud[0].DueDate);
        Assert.True(cloud[1].Targets[0].Headcount < cloud[0].Targets[0].Headcount);
    }

    [Fact]
    public void Headcounts_follow_what_the_people_supply_at_the_end_of_history()
    {
        // Independently of DemoStrategy's tallies: rebuild everyone from the events and count supply and scope.
        var people = new Dictionary<string, WorkforceMember>();
        var n = 0L;
        foreach (var e in Events.OfType<IPersonEvent>())
        {
            if (!people.TryGetValue(e.PersonId, out var m)) people[e.PersonId] = m = new WorkforceMember(e.PersonId);
            m.Apply(e, new Provenance(++n, e.EventId!, e.OccurredAt, null, null));
        }
        var end = AsOf.ToDateTime(new TimeOnly(23, 59, 59));
        var now = new DateTimeOffset(end, TimeSpan.Zero);
        var goals = Events.OfType<StrategicGoalSet>().GroupBy(g => g.GoalId).ToDictionary(g => g.Key, g => g.Last().Targets[0]);

        var cloud = goals["cloud-ready-engineering"];
        var cloudSupply = Coverage.Supply(people.Values, cloud, now, now);
        Assert.True(cloudSupply > 10, $"cloud supply {cloudSupply}");
        Assert.Equal(cloudSupply * 6 / 10, cloud.Headcount);

        var coaching = goals["coaching-leadership"];
        var teamLeads = people.Values.Count(p => Coverage.InScopeAt(p, coaching.Scope, now, now));
        Assert.True(coaching.Headcount > teamLeads, $"{coaching.Headcount} asked, {teamLeads} team leads");
    }
}
