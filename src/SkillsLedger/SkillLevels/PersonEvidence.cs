using JasperFx.Events;
using Marten;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.SkillLevels;

namespace SkillsLedger.SkillLevels;

/// <summary>
/// A person's assessments and retractions read straight from their stream. Person-level reads derive levels from
/// this on each request (a person has tens to hundreds of events), so they are never stale and asOf/knownAt
/// queries use exactly the same code as the current figure.
/// </summary>
public sealed record PersonEvidence(string PersonId, IReadOnlyList<AssessmentEvidence> Assessments, IReadOnlyList<RetractionEvidence> Retractions)
{
    public static async Task<PersonEvidence?> LoadAsync(IQuerySession session, string personId, CancellationToken ct) =>
        From(personId, await session.Events.FetchStreamAsync(StreamKeys.Person(personId), token: ct));

    /// <returns>The evidence in a person's stream, or null when the stream is empty (no such person).</returns>
    public static PersonEvidence? From(string personId, IReadOnlyList<IEvent> events)
    {
        if (events.Count == 0) return null;
        var assessments = new List<AssessmentEvidence>();
        var retractions = new List<RetractionEvidence>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case SkillAssessed a:
                    assessments.Add(new AssessmentEvidence(Provenance(e, a), a.Skill, a.OccurredAt, a.Method, a.Level));
                    break;
                case AssessmentRetracted r:
                    retractions.Add(new RetractionEvidence(Provenance(e, r), r.RetractsEventId, r.Reason, r.OccurredAt));
                    break;
            }
        }
        return new PersonEvidence(personId, assessments, retractions);
    }

    private static Provenance Provenance(IEvent e, ILedgerEvent data) =>
        new(e.Sequence, data.EventId!, e.Timestamp, e.UserName, data.Source, (data as IFromStatement)?.SourceStatementId);

    public IEnumerable<string> Skills => Assessments.Select(a => a.Skill).Distinct().Order(StringComparer.Ordinal);

    /// <param name="explain">False when only the figure is wanted (no step per event; see <see cref="WeightedRecencyRule.Derive"/>).</param>
    public Derivation Derive(string skill, DateTimeOffset asOf, DateTimeOffset knownAt, bool explain = true) =>
        WeightedRecencyRule.Derive(skill, Assessments, Retractions, asOf, knownAt, explain);
}
