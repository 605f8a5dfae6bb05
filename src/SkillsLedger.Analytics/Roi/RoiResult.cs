namespace SkillsLedger.Analytics.Roi;

public sealed record CostBreakdown(double ProgramCosts, int CostEvents, double LearningHours, double LoadedHourlyCost, double TimeCost, double Total, string Currency);

/// <summary>Suppressed when fewer than MinGroupSize learners or comparison people: n shown, no money counted.</summary>
public sealed record PerformanceBenefit(string Metric, DidEstimate? Did, double ValuePerUnit, string ValueEventId, double Expected, double Conservative,
    bool Suppressed = false, int? Learners = null, int? ComparisonPeople = null);

public sealed record RetentionBenefit(int Learners, int Comparison, double SurvivalLearners, double SurvivalNone, double DeparturesAvoidedPerLearner,
    double? CiLow, double? CiHigh, double ReplacementCostMonths, double MeanMonthlySalary, double Expected, double Conservative);

public sealed record Scenario(string Name, double Benefits, double Costs, double? RoiPercent, double? BenefitCostRatio, double? PaybackMonths);

public sealed record RoiResult(
    string ProgramId, int Learners, CostBreakdown Costs, IReadOnlyList<PerformanceBenefit> Performance, RetentionBenefit? Retention,
    Scenario Expected, Scenario Conservative, IReadOnlyList<Assumption> AssumptionsUsed, string Design, IReadOnlyList<string> Caveats);
