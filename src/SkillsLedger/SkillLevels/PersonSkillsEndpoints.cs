using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
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

/// <param name="Level">Exact value of the rule (BI and recomputation); <paramref name="LevelDisplay"/> is what people read (2 decimals).</param>
/// <param name="ScaleMin">Lowest level of the skill's own scale (null only if the skill is no longer defined).</param>
public sealed record SkillLevelView(string Skill, double? Level, string? LevelDisplay, decimal? ScaleMin, decimal? ScaleMax, double EvidenceWeight,
    int Assessments, DateTimeOffset? LastAssessedAt);

public sealed record PersonSkillsView(string PersonId, RuleView Rule, DateTimeOffset AsOf, DateTimeOffset KnownAt, IReadOnlyList<SkillLevelView> Skills);

public sealed record PersonSkillView(string PersonId, RuleView Rule, DateTimeOffset AsOf, DateTimeOffset KnownAt,
    string Skill, double? Level, string? LevelDisplay, decimal? ScaleMin, decimal? ScaleMax, double EvidenceWeight, int Assessments, DateTimeOffset? LastAssessedAt);

public sealed record LineageView(string PersonId, string Skill, RuleView Rule, DateTimeOffset AsOf, DateTimeOffset KnownAt,
    double? Level, string? LevelDisplay, decimal? ScaleMin, decimal? ScaleMax, double EvidenceWeight, string Formula, IReadOnlyList<DerivationStep> Steps);

/// <summary>
/// Current and point-in-time skill levels of one person, and the lineage of one figure: every event that touched
/// it, with its weight or the reason it was left out.
/// </summary>
public static class PersonSkillsEndpoints
{
    public static readonly QuerySpec Query = new(QueryValues.AsOf, QueryValues.KnownAt);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadPersonFigures)]
    [EndpointSummary("One person's current (or asOf/knownAt) level of every skill they have evidence for, derived from their events on request")]
    [ProducesResponseType<PersonSkillsView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/people/{personId}/skills")]
    public static async Task<IResult> GetAll(string personId, string? asOf, string? knownAt, ClaimsPrincipal user, PersonEvidenceQuery evidenceQuery,
        TimeProvider clock, CancellationToken ct)
    {
        var (at, known) = PointInTime(asOf, knownAt, clock);
        var (found, _, scales) = await evidenceQuery.LoadAsync(user.Organisation(), personId, null, ct);
        if (found is not { } evidence)
            return Problems.NotFound("personId", $"no events for person '{personId}'");
        var skills = evidence.Skills
            .Select(s => evidence.Derive(s, at, known, explain: false))
            .Where(d => d.Level is not null)
            .Select(d => new SkillLevelView(d.Skill, d.Level, LevelPrecision.Display(d.Level), scales.GetValueOrDefault(d.Skill)?.Min,
                scales.GetValueOrDefault(d.Skill)?.Max, d.EvidenceWeight, d.Assessments, d.LastAssessedAt))
            .ToList();
        return SmallJson.View(new PersonSkillsView(personId, RuleView.Of(WeightedRecencyRule.Id), at, known, skills));
    }

    [Authorize(Policy = LedgerPolicies.ReadPersonFigures)]
    [EndpointSummary("One person's level of one skill at asOf, as the ledger knew it at knownAt")]
    [ProducesResponseType<PersonSkillView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/people/{personId}/skills/{skill}")]
    public static async Task<IResult> GetOne(string personId, string skill, string? asOf, string? knownAt, ClaimsPrincipal user,
        PersonEvidenceQuery evidenceQuery, TimeProvider clock, CancellationToken ct)
    {
        var (at, known) = PointInTime(asOf, knownAt, clock);
        var (d, scale, problem) = await DeriveAsync(personId, skill, at, known, explain: false, user, evidenceQuery, ct);
        return problem ?? SmallJson.View(new PersonSkillView(personId, RuleView.Of(d!.Rule), at, known, d.Skill, d.Level, LevelPrecision.Display(d.Level),
            scale?.Min, scale?.Max, d.EvidenceWeight, d.Assessments, d.LastAssessedAt));
    }

    [Authorize(Policy = LedgerPolicies.ReadPersonEvidence)]
    [EndpointSummary("Every event behind one person's level of one skill: weight, or why it was left out, and the formula")]
    [ProducesResponseType<LineageView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/people/{personId}/skills/{skill}/lineage")]
    public static async Task<IResult> GetLineage(string personId, string skill, string? asOf, string? knownAt, ClaimsPrincipal user,
        PersonEvidenceQuery evidenceQuery, TimeProvider clock, CancellationToken ct)
    {
        var (at, known) = PointInTime(asOf, knownAt, clock);
        var (d, scale, problem) = await DeriveAsync(personId, skill, at, known, explain: true, user, evidenceQuery, ct);
        const string formula = "level = Σ(weight·level) / Σ(weight) over included steps; weight = methodWeight · 0.5^(ageDays / 365), " +
                               "ageDays = days from the step's occurredAt to the newest included occurredAt";
        return problem ?? SmallJson.View(new LineageView(personId, d!.Skill, RuleView.Of(d.Rule), at, known, d.Level,
            LevelPrecision.Display(d.Level), scale?.Min, scale?.Max, d.EvidenceWeight, formula, d.Steps));
    }

    /// <summary>asOf (when things happened) and knownAt (what the ledger had recorded by then); both default to now.</summary>
    private static (DateTimeOffset AsOf, DateTimeOffset KnownAt) PointInTime(string? asOf, string? knownAt, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return (QueryValues.AsOf.Read(asOf, now), QueryValues.KnownAt.Read(knownAt, now));
    }

    private static async Task<(Derivation? Found, SkillScale? Scale, IResult? Problem)> DeriveAsync(
        string personId, string skill, DateTimeOffset asOf, DateTimeOffset knownAt, bool explain, ClaimsPrincipal user, PersonEvidenceQuery evidenceQuery,
        CancellationToken ct)
    {
        var (found, skillDefined, scales) = await evidenceQuery.LoadAsync(user.Organisation(), personId, skill, ct);
        if (!skillDefined)
            return (null, null, Problems.NotFound("skill", $"skill '{skill}' is not defined"));
        if (found is not { } evidence)
            return (null, null, Problems.NotFound("personId", $"no events for person '{personId}'"));
        return (evidence.Derive(skill, asOf, knownAt, explain), scales[skill], null);
    }
}
