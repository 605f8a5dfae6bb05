using SkillsLedger.Domain.Events;

namespace SkillsLedger.Domain.Demo;

/// <param name="Category">Skill family (contract v1.1): technical, digital, power, domain or leadership.</param>
internal sealed record DemoSkill(string Id, string Name, int Min, int Max, bool HasOnlineTest, string Category)
{
    /// <summary>Power and leadership skills: the ones that formats with people in the room move most (see DemoEffects).</summary>
    public bool IsPowerSkill => Category is "power" or "leadership";

    public int Range => Max - Min;
}

/// <summary>A role; <see cref="Department"/> is null for roles found in every department (team leads).</summary>
internal sealed record DemoRole(
    string Id, string? Department, decimal MonthlySalary, double HiringWeight, double OutputFactor, bool Senior,
    string? PromotesTo, IReadOnlyList<SkillRequirement> Profile);

/// <summary>A department with its teams, the one outcome it is measured on and its baseline attrition.</summary>
internal sealed record DemoDepartment(
    string Name, IReadOnlyList<string> Teams, string Metric, string Unit, double MonthlyOutput, decimal ValuePerUnit, string ValueUnit,
    double AnnualLeavingHazard, IReadOnlyList<(string ProgramId, double Weight)> Programmes);

internal sealed record DemoCourse(string Id, string Name, string ProgramId, CourseModality Modality, decimal Hours, IReadOnlyList<string> Skills);

internal sealed record DemoProgramme(string Id, bool HasCertificate, bool UsesVenue, IReadOnlyList<DemoCourse> Courses);

/// <summary>The organisation's fixed reference data: skills, roles, departments, programmes and ROI assumptions.</summary>
internal static class DemoCatalogue
{
    private const string Source = "demo:catalogue";
    private static readonly string[] FivePointLabels = ["Awareness", "Working", "Practitioner", "Advanced", "Expert"];

    public static readonly IReadOnlyList<DemoSkill> Skills =
    [
        new("csharp", "C# programming", 1, 5, true, "technical"),
        new("sql", "SQL", 1, 5, true, "technical"),
        new("cloud-architecture", "Cloud architecture", 1, 8, true, "technical"),
        new("incident-response", "Incident response", 1, 5, false, "technical"),
        new("data-analysis", "Data analysis", 1, 5, true, "digital"),
        new("data-visualisation", "Data visualisation", 0, 4, false, "digital"),
        new("stakeholder-management", "Stakeholder management", 1, 5, false, "power"),
        new("customer-empathy", "Customer empathy", 1, 5, false, "power"),
        new("coaching", "Coaching", 1, 5, false, "leadership"),
        new("negotiation", "Negotiation", 1, 5, false, "power"),
        new("product-discovery", "Product discovery", 1, 5, false, "domain"),
        new("process-improvement", "Process improvement", 0, 4, false, "domain"),
    ];

    public static readonly IReadOnlyDictionary<string, DemoSkill> SkillById = Skills.ToDictionary(s => s.Id);

    public static readonly IReadOnlyList<DemoDepartment> Departments =
    [
        new("Engineering", ["eng-platform", "eng-payments", "eng-mobile"], "deployments", "deployments/month", 12, 40m, "EUR/deployment", 0.14,
            [("cloud-bootcamp", 0.7), ("data-literacy", 0.3)]),
        new("Customer Support", ["support-emea", "support-americas", "support-apac"], "tickets_resolved", "tickets/month", 180, 12m, "EUR/ticket", 0.24,
            [("customer-excellence", 0.8), ("data-literacy", 0.2)]),
        new("Sales", ["sales-enterprise", "sales-midmarket"], "deals_closed", "deals/month", 4, 1500m, "EUR/deal", 0.20,
            [("customer-excellence", 0.8), ("leadership-academy", 0.2)]),
        new("Data", ["data-insights", "data-platform"], "analyses_delivered", "analyses/month", 10, 250m, "EUR/analysis", 0.13,
            [("data-literacy", 0.9), ("leadership-academy", 0.1)]),
        new("Operations", ["ops-fulfilment", "ops-facilities", "ops-service-desk"], "incidents_resolved", "incidents/month", 25, 60m, "EUR/incident", 0.16,
            [("data-literacy", 0.5), ("customer-excellence", 0.3), ("leadership-academy", 0.2)]),
        new("Product", ["product-core", "product-growth"], "features_shipped", "features/month", 3, 2000m, "EUR/feature", 0.12,
            [("customer-excellence", 0.5), ("data-literacy", 0.5)]),
    ];

    public static readonly IReadOnlyDictionary<string, DemoDepartment> DepartmentByName = Departments.ToDictionary(d => d.Name);

    public static readonly IReadOnlyList<DemoRole> Roles =
    [
        new("software-engineer", "Engineering", 5200m, 20, 1.0, false, "senior-engineer",
            [new("csharp", 3), new("sql", 3), new("cloud-architecture", 3), new("incident-response", 2)]),
        new("senior-engineer", "Engineering", 7000m, 8, 1.3, true, "team-lead",
            [new("csharp", 4), new("sql", 3), new("cloud-architecture", 5), new("incident-response", 3), new("coaching", 2)]),
        new("support-agent", "Customer Support", 3200m, 25, 1.0, false, "team-lead",
            [new("customer-empathy", 4), new("incident-response", 3), new("process-improvement", 2), new("negotiation", 2)]),
        new("account-executive", "Sales", 4800m, 12, 1.0, false, "team-lead",
            [new("negotiation", 4), new("stakeholder-management", 4), new("customer-empathy", 3), new("data-analysis", 2)]),
        new("data-analyst", "Data", 4800m, 8, 1.0, false, "team-lead",
            [new("sql", 4), new("data-analysis", 4), new("data-visualisation", 3), new("stakeholder-management", 3)]),
        new("ops-specialist", "Operations", 3600m, 12, 1.0, false, "team-lead",
            [new("process-improvement", 3), new("incident-response", 3), new("data-analysis", 2), new("sql", 2)]),
        new("product-manager", "Product", 6500m, 5, 1.0, true, null,
            [new("product-discovery", 4), new("stakeholder-management", 4), new("data-analysis", 3), new("customer-empathy", 3)]),
        new("team-lead", null, 7500m, 6, 0.5, true, null,
            [new("coaching", 4), new("stakeholder-management", 4), new("negotiation", 3), new("process-improvement", 3)]),
    ];

    public static readonly IReadOnlyDictionary<string, DemoRole> RoleById = Roles.ToDictionary(r => r.Id);

    public static readonly IReadOnlyList<DemoProgramme> Programmes =
    [
        new("leadership-academy", false, true,
        [
            new("la-coaching-essentials", "Coaching essentials", "leadership-academy", CourseModality.Coaching, 16, ["coaching"]),
            new("la-difficult-conversations", "Difficult conversations", "leadership-academy", CourseModality.Blended, 8, ["coaching", "negotiation"]),
            new("la-stakeholder-mapping", "Stakeholder mapping", "leadership-academy", CourseModality.Online, 6, ["stakeholder-management"]),
            new("la-leading-change", "Leading change circle", "leadership-academy", CourseModality.Community, 24, ["process-improvement", "stakeholder-management"]),
        ]),
        new("data-literacy", true, false,
        [
            new("dl-sql-foundations", "SQL foundations", "data-literacy", CourseModality.Online, 12, ["sql"]),
            new("dl-analysis-essentials", "Analysis essentials", "data-literacy", CourseModality.Blended, 20, ["data-analysis"]),
            new("dl-dashboards", "Dashboards in ten minutes a day", "data-literacy", CourseModality.Microlearning, 8, ["data-visualisation"]),
            new("dl-data-storytelling", "Data storytelling", "data-literacy", CourseModality.Online, 4, ["data-visualisation", "stakeholder-management"]),
        ]),
        new("cloud-bootcamp", true, false,
        [
            new("cb-cloud-fundamentals", "Cloud fundamentals", "cloud-bootcamp", CourseModality.Online, 16, ["cloud-architecture"]),
            new("cb-modern-csharp", "Modern C#", "cloud-bootcamp", CourseModality.Classroom, 24, ["csharp"]),
            new("cb-cloud-architecture-design", "Cloud architecture design lab", "cloud-bootcamp", CourseModality.Simulation, 40, ["cloud-architecture"]),
            new("cb-on-call-practice", "On-call practice", "cloud-bootcamp", CourseModality.OnTheJob, 6, ["incident-response"]),
        ]),
        new("customer-excellence", false, true,
        [
            new("ce-customer-empathy", "Customer empathy", "customer-excellence", CourseModality.Online, 6, ["customer-empathy"]),
            new("ce-negotiation-skills", "Negotiation skills", "customer-excellence", CourseModality.Online, 12, ["negotiation"]),
            new("ce-service-recovery", "Service recovery", "customer-excellence", CourseModality.Microlearning, 4, ["incident-response", "customer-empathy"]),
            new("ce-discovery-interviews", "Discovery interviews", "customer-excellence", CourseModality.Classroom, 8, ["product-discovery", "customer-empathy"]),
        ]),
    ];

    public static readonly IReadOnlyDictionary<string, DemoProgramme> ProgrammeById = Programmes.ToDictionary(p => p.Id);

    /// <summary>Catalogue events in the order consumers need: skills, role profiles, the course catalogue, ROI assumptions, programme costs.</summary>
    public static IEnumerable<ICatalogueEvent> Events(DemoWindow window, DemoRandom rng)
    {
        var opening = DemoWindow.At(window.Start, 0, 0);
        foreach (var s in Skills)
            yield return new SkillDefined(s.Id, s.Name, s.Min, s.Max, s.Range == 4 && s.Min == 1 ? FivePointLabels : null, opening, Source: Source,
                Category: s.Category);
        foreach (var r in Roles)
            yield return new RoleProfileDefined(r.Id, r.Profile, opening, Source: Source);
        foreach (var c in Programmes.SelectMany(p => p.Courses))
            yield return new CourseDefined(c.Id, c.Name, c.ProgramId, c.Modality, c.Hours,
                c.Skills.Select(skill => new CourseSkill(skill, TargetLevel(skill))).ToList(), opening, Source: "demo:lms");
        foreach (var a in RoiAssumptions(window))
            yield return a;
        foreach (var c in ProgrammeCosts(window, rng).Where(c => c.OccurredAt <= window.End).OrderBy(c => c.OccurredAt))
            yield return c;
    }

    /// <summary>What a course aims for: the level three quarters of the way up the skill's scale.</summary>
    private static decimal TargetLevel(string skill) =>
        SkillById[skill] is var s ? s.Min + Math.Round(0.75m * s.Range) : 0;

    private static IEnumerable<RoiAssumptionSet> RoiAssumptions(DemoWindow window)
    {
        var opening = DemoWindow.At(window.Start, 0, 0);
        yield return new RoiAssumptionSet("loaded_hourly_cost", 65m, "EUR/hour", "Salary plus on-costs per working hour, used to cost time spent learning", opening, Source: Source);
        yield return new RoiAssumptionSet("replacement_cost_months", 6m, "months", "Cost of replacing a leaver, in months of their salary", opening, Source: Source);
        foreach (var d in Departments)
            yield return new RoiAssumptionSet($"value_per_unit:{d.Metric}", d.ValuePerUnit, d.ValueUnit,
                $"Value of one unit of {d.Name} output", opening, Source: Source);
        // A mid-history revision shows that later assumptions supersede earlier ones.
        var payReview = window.Start.AddYears(1);
        if (payReview <= window.AsOf)
            yield return new RoiAssumptionSet("loaded_hourly_cost", 68m, "EUR/hour", "Revised after the annual pay review", DemoWindow.At(payReview, 0, 0), Source: Source);
    }

    /// <summary>Each programme, each year: licences up front, two facilitated cohorts, and a venue where it meets in person.</summary>
    private static IEnumerable<ProgramCost> ProgrammeCosts(DemoWindow window, DemoRandom rng)
    {
        for (var year = window.Start; year < window.AsOf; year = year.AddYears(1))
        {
            foreach (var p in Programmes)
            {
                yield return Cost(p.Id, "licences", year.AddDays(5), 6_000, 14_000);
                yield return Cost(p.Id, "facilitation", year.AddDays(60), 8_000, 25_000);
                yield return Cost(p.Id, "facilitation", year.AddDays(240), 8_000, 25_000);
                if (p.UsesVenue) yield return Cost(p.Id, "venue", year.AddDays(120), 2_000, 8_000);
            }
        }
        yield break;

        ProgramCost Cost(string programId, string category, DateOnly day, int min, int max)
        {
            var amount = Math.Round(rng.Next(min, max) / 10m) * 10m;
            return new ProgramCost(programId, amount, "EUR", category, DemoWindow.At(day, 8, 0), Source: "demo:finance");
        }
    }
}
