using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.SkillLevels;

namespace SkillsLedger.Domain.Strategy;

/// <summary>
/// What strategic coverage needs to know about one person, bitemporally: employment and position (hires, moves,
/// departures) and the skill evidence the level rule reads. Every question takes asOf (business time: occurredAt ≤ asOf)
/// and knownAt (record time: recorded ≤ knownAt), so a forecast made "as of T − 12 months" sees only what was known then.
/// Built from events in log order (<see cref="Apply"/>), by the API's loader and by the demo alike.
/// </summary>
public sealed class WorkforceMember(string personId)
{
    private readonly List<Placement> _placements = [];
    private readonly List<Departure> _departures = [];
    private readonly List<AssessmentEvidence> _assessments = [];
    private readonly List<RetractionEvidence> _retractions = [];

    public string PersonId { get; } = personId;

    /// <summary>Takes one of the person's events in log order; other event types are ignored.</summary>
    public void Apply(ILedgerEvent e, Provenance stored)
    {
        switch (e)
        {
            case PersonHired h: _placements.Add(new Placement(h.OccurredAt, stored.RecordedAt, h.Department, h.Role, h.Team, true)); break;
            case PersonMoved m: _placements.Add(new Placement(m.OccurredAt, stored.RecordedAt, m.Department, m.Role, m.Team, false)); break;
            case PersonLeft l: _departures.Add(new Departure(l.OccurredAt, stored.RecordedAt)); break;
            case SkillAssessed a: _assessments.Add(new AssessmentEvidence(stored, a.Skill, a.OccurredAt, a.Method, a.Level)); break;
            case AssessmentRetracted r: _retractions.Add(new RetractionEvidence(stored, r.RetractsEventId, r.Reason, r.OccurredAt)); break;
        }
    }

    /// <summary>When the latest hire known at knownAt and on or before asOf happened; null if none.</summary>
    public DateTimeOffset? HiredAt(DateTimeOffset asOf, DateTimeOffset knownAt) =>
        _placements.Where(p => p.IsHire && Known(p.OccurredAt, p.RecordedAt, asOf, knownAt)).Select(p => (DateTimeOffset?)p.OccurredAt).Max();

    /// <summary>When the person left after their latest hire (both as known), or null while employed at asOf.</summary>
    public DateTimeOffset? LeftAt(DateTimeOffset asOf, DateTimeOffset knownAt) =>
        HiredAt(asOf, knownAt) is { } hired
            ? _departures.Where(d => d.OccurredAt >= hired && Known(d.OccurredAt, d.RecordedAt, asOf, knownAt)).Select(d => (DateTimeOffset?)d.OccurredAt).Min()
            : null;

    /// <summary>Department, role and team at asOf, or null when not employed then (not yet hired, or left).</summary>
    public Position? PositionAt(DateTimeOffset asOf, DateTimeOffset knownAt)
    {
        if (HiredAt(asOf, knownAt) is not { } hired || LeftAt(asOf, knownAt) is not null) return null;
        string? department = null, role = null, team = null;
        foreach (var p in _placements.Where(p => p.OccurredAt >= hired && Known(p.OccurredAt, p.RecordedAt, asOf, knownAt)).OrderBy(p => p.OccurredAt))
        {
            if (p.IsHire) (department, role, team) = (p.Department, p.Role, p.Team);
            else (department, role, team) = (p.Department ?? department, p.Role ?? role, p.Team ?? team);
        }
        return department is null || role is null ? null : new Position(department, role, team);
    }

    /// <summary>Level on the skill under rule weighted-recency v1 at (asOf, knownAt); null when no evidence counts.</summary>
    public double? LevelAt(string skill, DateTimeOffset asOf, DateTimeOffset knownAt) =>
        WeightedRecencyRule.Derive(skill, _assessments, _retractions, asOf, knownAt, explain: false).Level;

    private static bool Known(DateTimeOffset occurred, DateTimeOffset recorded, DateTimeOffset asOf, DateTimeOffset knownAt) =>
        occurred <= asOf && recorded <= knownAt;
}
