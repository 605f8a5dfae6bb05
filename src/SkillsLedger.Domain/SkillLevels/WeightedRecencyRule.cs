using SkillsLedger.Domain.Events;

namespace SkillsLedger.Domain.SkillLevels;

/// <summary>
/// Rule "weighted-recency", version 1. For one person and skill, take the assessments that are not retracted,
/// occurred on or before asOf and were recorded on or before knownAt. With t* the latest occurredAt among them,
/// each gets weight w = m(method) · 0.5^(days(t* − t)/365): the method's credibility, halved for every year it is
/// older than the newest evidence. Level = Σ w·level / Σ w; evidence weight = Σ w. No assessment → no level.
/// Ages are measured from t*, not from "now", so the figure is a pure function of the events: replaying them
/// next year gives the same number.
/// </summary>
public static class WeightedRecencyRule
{
    public static readonly RuleId Id = new("weighted-recency", 1);

    private static readonly Dictionary<string, RetractionEvidence> NoRetractions = new(StringComparer.Ordinal);

    /// <summary>Why an assessment does not count (docs/derivation.md lists the reasons in this order).</summary>
    private enum Exclusion { None, OccurredAfterAsOf, RecordedAfterKnownAt, Retracted }

    /// <summary>Half-life of evidence, in days.</summary>
    public const double HalfLifeDays = 365.0;

    /// <summary>How much an assessment by each method counts: certified and tested evidence over opinion.</summary>
    public static double MethodWeight(AssessmentMethod method) => method switch
    {
        AssessmentMethod.Certification => 1.0,
        AssessmentMethod.Test => 0.9,
        AssessmentMethod.Manager => 0.7,
        AssessmentMethod.Peer => 0.5,
        AssessmentMethod.Self => 0.3,
        AssessmentMethod.Inferred => 0.2,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>The weight of one assessment <paramref name="ageDays"/> older than the newest evidence: m · 0.5^(age/365).</summary>
    public static double RecencyWeight(double methodWeight, double ageDays) => methodWeight * Math.Pow(0.5, ageDays / HalfLifeDays);

    /// <summary>
    /// The level at <paramref name="at"/> from included assessments sorted by occurredAt (then log order): those that
    /// occurred by then, weighted from the newest of them. Null when none had occurred. The analytics that need a level
    /// at many dates (effectiveness) use it; lineage uses <see cref="Derive"/>, which explains each step.
    /// </summary>
    public static double? LevelAt(IReadOnlyList<(DateTimeOffset OccurredAt, double MethodWeight, double Level)> sorted, DateTimeOffset at)
    {
        var count = 0;
        while (count < sorted.Count && sorted[count].OccurredAt <= at) count++;
        if (count == 0) return null;
        var newest = sorted[count - 1].OccurredAt;
        double sumW = 0, sumWL = 0;
        for (var i = 0; i < count; i++)
        {
            var w = RecencyWeight(sorted[i].MethodWeight, (newest - sorted[i].OccurredAt).TotalDays);
            sumW += w;
            sumWL += w * sorted[i].Level;
        }
        return sumWL / sumW;
    }

    /// <summary>
    /// A retraction counts once the ledger knew of it (recordedAt ≤ knownAt), whatever asOf is: by then we knew the
    /// assessment was wrong, also for dates before the correction.
    /// </summary>
    /// <param name="explain">
    /// False when only the figure is wanted (a person's list of levels, a chart, workforce supply): the same sums in the
    /// same loop, without a step per event and the reasons' text, which are most of a read's work. Lineage explains.
    /// </param>
    public static Derivation Derive(string skill, IEnumerable<AssessmentEvidence> assessments, IEnumerable<RetractionEvidence> retractions,
        DateTimeOffset asOf, DateTimeOffset knownAt, bool explain = true)
    {
        var ofSkill = assessments.Where(a => a.Skill == skill).OrderBy(a => a.Stored.Sequence).ToList();
        // Most people have no retraction at all: then there is nothing to match (and nothing to allocate for it).
        List<RetractionEvidence> relevantRetractions = [];
        if (!retractions.TryGetNonEnumeratedCount(out var count) || count > 0)
        {
            var ids = ofSkill.Select(a => a.Stored.EventId).ToHashSet(StringComparer.Ordinal);
            relevantRetractions = retractions.Where(r => ids.Contains(r.RetractsEventId)).OrderBy(r => r.Stored.Sequence).ToList();
        }
        var knownRetraction = relevantRetractions.Count == 0 ? NoRetractions
            : relevantRetractions
                .Where(r => r.Stored.RecordedAt <= knownAt)
                .GroupBy(r => r.RetractsEventId)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        // Decided once per assessment (the first matching reason wins, in this order); its text only when explaining.
        Exclusion ExclusionOf(AssessmentEvidence a) =>
            a.OccurredAt > asOf ? Exclusion.OccurredAfterAsOf
            : a.Stored.RecordedAt > knownAt ? Exclusion.RecordedAfterKnownAt
            : knownRetraction.ContainsKey(a.Stored.EventId) ? Exclusion.Retracted
            : Exclusion.None;

        string? Reason(AssessmentEvidence a, Exclusion why) => why switch
        {
            Exclusion.OccurredAfterAsOf => $"occurred after asOf ({asOf:O})",
            Exclusion.RecordedAfterKnownAt => $"recorded after knownAt ({knownAt:O})",
            Exclusion.Retracted => knownRetraction[a.Stored.EventId] is var r ? $"retracted by {r.Stored.EventId}: {r.Reason}" : null,
            _ => null,
        };

        var exclusions = new Exclusion[ofSkill.Count];
        var includedCount = 0;
        DateTimeOffset? newest = null;
        for (var i = 0; i < ofSkill.Count; i++)
            if ((exclusions[i] = ExclusionOf(ofSkill[i])) == Exclusion.None)
            {
                includedCount++;
                if (newest is null || ofSkill[i].OccurredAt > newest) newest = ofSkill[i].OccurredAt;
            }

        var steps = explain ? new List<DerivationStep>() : null;
        double sumW = 0, sumWL = 0;
        for (var i = 0; i < ofSkill.Count; i++)
        {
            var a = ofSkill[i];
            var included = exclusions[i] == Exclusion.None;
            var m = MethodWeight(a.Method);
            double? age = null, w = null;
            if (included)
            {
                age = (newest!.Value - a.OccurredAt).TotalDays;
                w = RecencyWeight(m, age.Value);
                sumW += w.Value;
                sumWL += w.Value * (double)a.Level;
            }
            steps?.Add(new DerivationStep(a.Stored.Sequence, a.Stored.EventId, EventTypes.NameOf<SkillAssessed>(), a.OccurredAt, a.Stored.RecordedAt,
                a.Stored.RecordedBy, a.Stored.Source, a.Method.ToString().ToLowerInvariant(), a.Level, m, age, w, included, Reason(a, exclusions[i]), a.Stored.SourceStatementId));
        }
        if (steps is not null)
        {
            foreach (var r in relevantRetractions)
                steps.Add(new DerivationStep(r.Stored.Sequence, r.Stored.EventId, EventTypes.NameOf<AssessmentRetracted>(), r.OccurredAt, r.Stored.RecordedAt,
                    r.Stored.RecordedBy, r.Stored.Source, null, null, null, null, null, false,
                    r.Stored.RecordedAt <= knownAt ? $"retracts {r.RetractsEventId}: {r.Reason}" : $"recorded after knownAt ({knownAt:O}); retracts {r.RetractsEventId}", r.Stored.SourceStatementId));
            steps.Sort((x, y) => x.Sequence.CompareTo(y.Sequence));
        }

        return new Derivation(Id, skill, includedCount > 0 ? sumWL / sumW : null, sumW, includedCount, newest, (IReadOnlyList<DerivationStep>?)steps ?? []);
    }
}
