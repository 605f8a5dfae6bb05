using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.SkillLevels;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.SkillLevels;

public sealed record RuleView(string Name, int Version)
{
    public static RuleView Of(RuleId id) => new(id.Name, id.Version);
}

public sealed record SkillLevelView(string Skill, double? Level, double EvidenceWeight, int Assessments, DateTimeOffset? LastAssessedAt);

public sealed record PersonSkillsView(string PersonId, RuleView Rule, DateTimeOffset AsOf, DateTimeOffset KnownAt, IReadOnlyList<SkillLevelView> Skills);

public sealed record PersonSkillView(string PersonId, RuleView Rule, DateTimeOffset AsOf, DateTimeOffset KnownAt,
    string Skill, double? Level, double EvidenceWeight, int Assessments, DateTimeOffset? LastAssessedAt);

public sealed record LineageView(string PersonId, string Skill, RuleView Rule, DateTimeOffset AsOf, DateTimeOffset KnownAt,
    double? Level, double EvidenceWeight, string Formula, IReadOnlyList<DerivationStep> Steps);

/// <summary>
/// Current and point-in-time skill levels of one person, and the lineage of one figure: every event that touched
/// it, with its weight or the reason it was left out.
/// </summary>
public static class PersonSkillsEndpoints
{
    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [WolverineGet("/api/people/{personId}/skills")]
    public static async Task<IResult> GetAll(string personId, HttpContext http, LedgerDatabase db, TimeProvider clock, CancellationToken ct)
    {
        var (asOf, knownAt, problem) = PointInTime.Read(http.Request, clock.GetUtcNow());
        if (problem is not null) return problem;
        if ((await PersonEvidenceQuery.LoadAsync(db, RequestContext.Organisation(http), personId, null, ct)).Evidence is not { } evidence)
            return Problems.NotFound("personId", $"no events for person '{personId}'");
        var skills = evidence.Skills
            .Select(s => evidence.Derive(s, asOf, knownAt))
            .Where(d => d.Level is not null)
            .Select(d => new SkillLevelView(d.Skill, d.Level, d.EvidenceWeight, d.Assessments, d.LastAssessedAt))
            .ToList();
        return SmallJson.View(new PersonSkillsView(personId, RuleView.Of(WeightedRecencyRule.Id), asOf, knownAt, skills));
    }

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [WolverineGet("/api/people/{personId}/skills/{skill}")]
    public static async Task<IResult> GetOne(string personId, string skill, HttpContext http, LedgerDatabase db, TimeProvider clock, CancellationToken ct)
    {
        var (found, problem) = await DeriveAsync(personId, skill, http, db, clock, ct);
        if (problem is not null) return problem;
        var (d, asOf, knownAt) = found!.Value;
        return SmallJson.View(new PersonSkillView(personId, RuleView.Of(d.Rule), asOf, knownAt, d.Skill, d.Level, d.EvidenceWeight, d.Assessments, d.LastAssessedAt));
    }

    [Authorize(Policy = LedgerPolicies.ReadEvidence)]
    [WolverineGet("/api/people/{personId}/skills/{skill}/lineage")]
    public static async Task<IResult> GetLineage(string personId, string skill, HttpContext http, LedgerDatabase db, TimeProvider clock, CancellationToken ct)
    {
        var (found, problem) = await DeriveAsync(personId, skill, http, db, clock, ct);
        if (problem is not null) return problem;
        var (d, asOf, knownAt) = found!.Value;
        const string formula = "level = Σ(weight·level) / Σ(weight) over included steps; weight = methodWeight · 0.5^(ageDays / 365), " +
                               "ageDays = days from the step's occurredAt to the newest included occurredAt";
        return SmallJson.View(new LineageView(personId, d.Skill, RuleView.Of(d.Rule), asOf, knownAt, d.Level, d.EvidenceWeight, formula, d.Steps));
    }

    private static async Task<((Derivation, DateTimeOffset, DateTimeOffset)? Found, IResult? Problem)> DeriveAsync(
        string personId, string skill, HttpContext http, LedgerDatabase db, TimeProvider clock, CancellationToken ct)
    {
        var (asOf, knownAt, problem) = PointInTime.Read(http.Request, clock.GetUtcNow());
        if (problem is not null) return (null, problem);
        var (found, skillDefined) = await PersonEvidenceQuery.LoadAsync(db, RequestContext.Organisation(http), personId, skill, ct);
        if (!skillDefined)
            return (null, Problems.NotFound("skill", $"skill '{skill}' is not defined"));
        if (found is not { } evidence)
            return (null, Problems.NotFound("personId", $"no events for person '{personId}'"));
        return ((evidence.Derive(skill, asOf, knownAt), asOf, knownAt), null);
    }
}
