using System.Globalization;
using Npgsql;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Tests.Analytics;

/// <summary>
/// Hand-built events whose analytics rows depend on their order, appended in several batches and in two
/// organisations: a move before the hire, leave then rehire, erasure before and after the hire, two retractions
/// of one assessment, a retraction in the same batch as its assessment, a skill and a role profile redefined (the
/// role with fewer requirements), an assumption changed twice, and a timestamp with 100 ns precision.
/// </summary>
public static class EdgeCases
{
    public const string Other = "edge-other-org";
    private const string Org = "default";
    private static readonly DateTimeOffset SubMicrosecond = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);

    private static DateTimeOffset T(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    public static IEnumerable<(string Org, IReadOnlyList<ILedgerEvent> Batch)> Batches()
    {
        yield return (Org, [
            new SkillDefined("edge-skill", "Edge skill", 1, 5, null, T("2024-01-01T00:00:00Z"), "edge-skill-v1"),
            new RoleProfileDefined("edge-role", [new("edge-skill", 4), new("sql", 3), new("csharp", 2)], T("2024-01-01T00:00:00Z"), "edge-role-v1"),
            new RoiAssumptionSet("edge_cost", 10, "EUR", "first", T("2024-01-01T00:00:00Z"), "edge-roi-1"),
            new PersonMoved("EDGE-MOVE", "Nowhere", "ghost", "ghosts", T("2024-01-15T00:00:00Z"), "edge-move-before-hire"),
            new PersonErased("EDGE-ERASE", "asked early", T("2024-01-16T00:00:00Z"), "edge-erase-before-hire"),
            new PersonLeft("EDGE-MOVE", LeavingReason.Other, T("2024-01-17T00:00:00Z"), "edge-left-before-hire"),
        ]);
        yield return (Org, [
            new PersonHired("EDGE-MOVE", "Data", "data-analyst", "data-core", 5000m, T("2024-02-01T09:00:00+01:00"), "edge-move-hire"),
            new PersonMoved("EDGE-MOVE", null, null, "data-platform", T("2024-03-01T00:00:00Z"), "edge-move-team"),
            new PersonHired("EDGE-ERASE", "Sales", "account-executive", null, null, T("2024-02-01T00:00:00Z"), "edge-erase-hire"),
            new PersonHired("EDGE-R", "Engineering", "software-engineer", "eng-a", 6100.50m, T("2024-02-01T00:00:00Z"), "edge-r-hire-1"),
            new SkillAssessed("EDGE-R", "edge-skill", 2, AssessmentMethod.Self, null, null, T("2024-03-01T00:00:00Z"), "edge-a1"),
            new SkillAssessed("EDGE-R", "edge-skill", 3.50m, AssessmentMethod.Manager, null, null, SubMicrosecond, "edge-a2"),
            new SkillAssessed("EDGE-R", "edge-skill", 4, AssessmentMethod.Test, null, null, T("2025-06-01T12:00:00-05:00"), "edge-a3"),
            new SkillAssessed("EDGE-R", "sql", 3, AssessmentMethod.Peer, null, null, T("2024-04-01T00:00:00Z"), "edge-sql-1"),
            new SkillAssessed("EDGE-R", "sql", 4, AssessmentMethod.Certification, null, null, T("2024-09-01T00:00:00Z"), "edge-sql-2"),
        ]);
        yield return (Org, [
            new AssessmentRetracted("EDGE-R", "edge-a1", "entered twice", T("2025-07-01T00:00:00Z"), "edge-retract-1"),
            // Assessed and retracted in the same batch (so in the same daemon page).
            new SkillAssessed("EDGE-R", "edge-skill", 5, AssessmentMethod.Inferred, null, null, T("2025-07-02T00:00:00Z"), "edge-a4"),
            new AssessmentRetracted("EDGE-R", "edge-a4", "wrong person", T("2025-07-03T00:00:00Z"), "edge-retract-a4"),
            new AssessmentRetracted("EDGE-R", "edge-sql-1", "outdated", T("2025-07-03T00:00:00Z"), "edge-retract-sql"),
            new PersonMoved("EDGE-MOVE", "Finance", null, null, T("2025-01-01T00:00:00Z"), "edge-move-dept"),
            new PersonLeft("EDGE-R", LeavingReason.Voluntary, T("2025-02-01T00:00:00Z"), "edge-r-left-1"),
            new PersonErased("EDGE-ERASE", "asked again", T("2025-03-01T00:00:00Z"), "edge-erase-after-hire"),
            new RoiAssumptionSet("edge_cost", 12, "EUR", "changed once", T("2025-01-01T00:00:00Z"), "edge-roi-2"),
        ]);
        yield return (Org, [
            // A second retraction of the same assessment: the first one stays in force.
            new AssessmentRetracted("EDGE-R", "edge-a1", "second thoughts", T("2025-08-01T00:00:00Z"), "edge-retract-2"),
            new PersonHired("EDGE-R", "Operations", "ops-analyst", null, 5900m, T("2025-04-01T00:00:00Z"), "edge-r-hire-2"),
            new PersonMoved("EDGE-R", null, "ops-lead", null, T("2025-05-01T00:00:00Z"), "edge-r-move"),
            new PersonHired("EDGE-ERASE", "Sales", "account-manager", "sales-b", 4000m, T("2025-04-01T00:00:00Z"), "edge-erase-rehire"),
            new SkillDefined("edge-skill", "Edge skill v2", 0, 10, null, T("2025-01-01T00:00:00Z"), "edge-skill-v2"),
            new RoleProfileDefined("edge-role", [new("edge-skill", 6)], T("2025-01-01T00:00:00Z"), "edge-role-v2"),
            new SkillAssessed("EDGE-R", "edge-skill", 7.25m, AssessmentMethod.Certification, null, null, T("2025-09-01T00:00:00Z"), "edge-a5"),
        ]);
        yield return (Org, [
            new RoiAssumptionSet("edge_cost", 15, "EUR/hour", null, T("2025-06-01T00:00:00Z"), "edge-roi-3"),
            new ProgramCost("edge-programme", 1234.50m, "EUR", null, T("2025-01-01T00:00:00Z"), "edge-cost-1", Reference: "PO-2025-0042"),
            new CourseCompleted("EDGE-R", "edge-course", "edge-programme", 7.5m, null, ["edge-skill", "sql"], T("2025-05-15T00:00:00Z"), "edge-course-1"),
            new CourseCompleted("EDGE-MOVE", "edge-course", null, 2m, 88.5m, null, T("2025-05-16T00:00:00Z"), "edge-course-2"),
            new PerformanceSignal("EDGE-R", "edge_metric", 3.125m, null, SubMicrosecond, "edge-signal-1"),
        ]);
        // Contract v1.1: a category, a course and a programme defined twice (the second definition replaces skills and
        // goals), a goal revised (both revisions kept, with their targets) and then retired.
        yield return (Org, [
            new SkillDefined("edge-power", "Edge power skill", 1, 5, null, T("2024-01-01T00:00:00Z"), "edge-power-v1", Category: "power"),
            new CourseDefined("edge-course", "Edge course", "edge-programme", CourseModality.OnTheJob, 7.5m,
                [new("edge-skill", 4), new("edge-power", null)], T("2024-01-02T00:00:00Z"), "edge-course-def-1", Provider: "Edge vendor"),
            new ProgramDefined("edge-programme", "Edge programme", ["edge-goal", "edge-goal-2"], "L&D", T("2024-01-02T00:00:00Z"), "edge-prog-1"),
            new StrategicGoalSet("edge-goal", "Edge goal", new DateOnly(2026, 12, 31),
                [new("edge-skill", 4, 2, null), new("edge-power", 3, 1, new TargetScope(null, "data-analyst", null))], "first", T("2024-01-03T00:00:00Z"), "edge-goal-1"),
        ]);
        yield return (Org, [
            new CourseDefined("edge-course", "Edge course v2", null, CourseModality.Blended, 8m, [new("edge-power", 3)], T("2024-06-01T00:00:00Z"), "edge-course-def-2",
                Provider: "Edge academy"),
            new ProgramDefined("edge-programme", "Edge programme", ["edge-goal"], null, T("2024-06-01T00:00:00Z"), "edge-prog-2"),
            new StrategicGoalSet("edge-goal", "Edge goal revised", new DateOnly(2027, 6, 30),
                [new("edge-skill", 5, 1, new TargetScope("Data", null, null))], null, T("2024-06-01T00:00:00Z"), "edge-goal-2"),
            new StrategicGoalRetired("edge-goal", "merged into another goal", T("2025-06-01T00:00:00Z"), "edge-goal-retired"),
        ]);
        // The same ids in another organisation are other people and other facts.
        yield return (Other, [
            new SkillDefined("edge-skill", "Their edge skill", 1, 3, null, T("2024-01-01T00:00:00Z"), "edge-skill-v1"),
            new RoleProfileDefined("edge-role", [new("edge-skill", 2)], T("2024-01-01T00:00:00Z"), "edge-role-v1"),
            new RoiAssumptionSet("edge_cost", 99, null, null, T("2024-01-01T00:00:00Z"), "edge-roi-1"),
            new ProgramCost("edge-programme", 10m, "USD", "venue", T("2024-01-01T00:00:00Z"), "edge-cost-1"),
            new PersonHired("EDGE-R", "Elsewhere", "edge-role", "t", null, T("2024-02-01T00:00:00Z"), "edge-r-hire-1"),
            new SkillAssessed("EDGE-R", "edge-skill", 1, AssessmentMethod.Peer, null, null, T("2024-03-01T00:00:00Z"), "edge-a1"),
            new SkillAssessed("EDGE-R", "edge-skill", 3, AssessmentMethod.Peer, null, null, T("2024-06-01T00:00:00Z"), "edge-a2"),
            new CourseCompleted("EDGE-R", "c", null, 1m, null, ["edge-skill"], T("2024-04-01T00:00:00Z"), "edge-course-1"),
            new PerformanceSignal("EDGE-R", "m", 1m, "u", T("2024-04-01T00:00:00Z"), "edge-signal-1"),
        ]);
        yield return (Other, [
            new AssessmentRetracted("EDGE-R", "edge-a2", "typo", T("2024-07-01T00:00:00Z"), "edge-retract-1"),
            new PersonLeft("EDGE-R", LeavingReason.Involuntary, T("2024-08-01T00:00:00Z"), "edge-r-left-1"),
        ]);
    }

    /// <summary>Events appended after a rebuild (fresh people and ids each run): a hire, evidence, a retraction.</summary>
    public static IEnumerable<(string Org, IReadOnlyList<ILedgerEvent> Batch)> AfterRebuild(string run)
    {
        yield return (Org, [
            new PersonHired($"EDGE-LATE-{run}", "Data", "data-analyst", "data-core", null, T("2025-10-01T00:00:00Z"), $"late-hire-{run}"),
            new SkillAssessed($"EDGE-LATE-{run}", "sql", 2, AssessmentMethod.Self, null, null, T("2025-10-02T00:00:00Z"), $"late-a1-{run}"),
            new SkillAssessed($"EDGE-LATE-{run}", "sql", 3, AssessmentMethod.Test, null, null, T("2025-12-03T00:00:00Z"), $"late-a2-{run}"),
        ]);
        yield return (Other, [
            new PersonHired($"EDGE-LATE-{run}", "Elsewhere", "edge-role", null, null, T("2024-09-01T00:00:00Z"), $"late-hire-{run}"),
            new SkillAssessed($"EDGE-LATE-{run}", "edge-skill", 2, AssessmentMethod.Manager, null, null, T("2024-10-01T00:00:00Z"), $"late-a3-{run}"),
            new AssessmentRetracted($"EDGE-LATE-{run}", $"late-a3-{run}", "mistake", T("2024-10-02T00:00:00Z"), $"late-retract-{run}"),
        ]);
    }

    /// <summary>What the order-dependent rules must give, checked on the tables (not only that three builds agree).</summary>
    public static async Task AssertOutcomesAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using (var utc = new NpgsqlCommand("set timezone = 'UTC'", conn)) await utc.ExecuteNonQueryAsync();
        async Task<string?> Row(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            return (await cmd.ExecuteScalarAsync())?.ToString();
        }

        // Move before hire ignored; later moves overwrite only the fields they name; departure before hire ignored.
        Assert.Equal("(default,EDGE-MOVE,Finance,data-analyst,data-platform,5000,\"2024-02-01 08:00:00+00\",,,)",
            await Row("select p::text from analytics.person p where org_id = 'default' and person_id = 'EDGE-MOVE'"));
        // Leave then rehire: the rehire's fields, departure cleared, the move after the rehire applied.
        Assert.Equal("(default,EDGE-R,Operations,ops-lead,,5900,\"2025-04-01 00:00:00+00\",,,)",
            await Row("select p::text from analytics.person p where org_id = 'default' and person_id = 'EDGE-R'"));
        // Erasure before the hire ignored; the one after it kept through the rehire.
        Assert.Equal("(default,EDGE-ERASE,Sales,account-manager,sales-b,4000,\"2025-04-01 00:00:00+00\",,,\"2025-03-01 00:00:00+00\")",
            await Row("select p::text from analytics.person p where org_id = 'default' and person_id = 'EDGE-ERASE'"));
        // The first retraction wins; a retraction in the same batch as its assessment counts.
        Assert.Equal("edge-retract-1|entered twice", await Row("select retracted_by_event_id || '|' || retraction_reason from analytics.skill_assessment where org_id = 'default' and event_id = 'edge-a1'"));
        Assert.Equal("edge-retract-a4", await Row("select retracted_by_event_id from analytics.skill_assessment where org_id = 'default' and event_id = 'edge-a4' and not included"));
        // 100 ns precision is cut to the microsecond, not rounded.
        Assert.Equal("2025-03-01 08:00:00.123456+00", await Row("select occurred_at::text from analytics.skill_assessment where org_id = 'default' and event_id = 'edge-a2'"));
        Assert.Equal("Edge skill v2|0|10", await Row("select name || '|' || scale_min || '|' || scale_max from analytics.skill where org_id = 'default' and skill = 'edge-skill'"));
        Assert.Equal("edge-skill=6", await Row("select string_agg(skill || '=' || target_level, ',') from analytics.role_requirement where org_id = 'default' and role = 'edge-role'"));
        Assert.Equal("15|EUR/hour|edge-roi-3", await Row("select value || '|' || unit || '|' || event_id from analytics.roi_assumption where org_id = 'default' and name = 'edge_cost'"));
        // Level from a2, a3, a5 (a1 and a4 retracted); growth over the same three.
        Assert.Equal("3", await Row("select assessments from analytics.person_skill_level where org_id = 'default' and person_id = 'EDGE-R' and skill = 'edge-skill'"));
        Assert.Equal("3", await Row("select assessments from analytics.skill_growth where org_id = 'default' and person_id = 'EDGE-R' and skill = 'edge-skill'"));
        // One sql assessment left after the retraction: a level but no growth.
        Assert.Equal("1", await Row("select count(*) from analytics.person_skill_level where org_id = 'default' and person_id = 'EDGE-R' and skill = 'sql' and assessments = 1"));
        Assert.Equal("0", await Row("select count(*) from analytics.skill_growth where org_id = 'default' and person_id = 'EDGE-R' and skill = 'sql'"));
        // The other organisation's rows are its own.
        Assert.Equal("Elsewhere|involuntary", await Row($"select department || '|' || left_reason from analytics.person where org_id = '{Other}' and person_id = 'EDGE-R'"));
        Assert.Equal("99", await Row($"select value from analytics.roi_assumption where org_id = '{Other}' and name = 'edge_cost'"));
        Assert.Equal("1", await Row($"select assessments from analytics.person_skill_level where org_id = '{Other}' and person_id = 'EDGE-R' and skill = 'edge-skill'"));
    }
}
