using JasperFx.Events.Projections;
using Marten.Events.Projections;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Projections.Catalogue;

/// <summary>
/// How many times an organisation's skill catalogue has been written: one count per skill_defined, the only event
/// that changes a <see cref="SkillDefinition"/>. Readers that keep the skills' scales in memory look at this one row
/// (a primary-key lookup; the transaction that last wrote it is their stamp) instead of the whole catalogue: an
/// aggregate over the definitions on every person read cost PostgreSQL about 0.02 ms of CPU under load
/// (docs/performance.md).
/// </summary>
public sealed record SkillCatalogueState(string Id, long Definitions);

/// <summary>
/// Inline, like <see cref="SkillCatalogueProjection"/>, so the count moves in the same transaction as the definition it
/// counts: a reader never sees a new scale with an old count, or the other way round.
/// </summary>
public sealed class SkillCatalogueStateProjection : MultiStreamProjection<SkillCatalogueState, string>
{
    /// <summary>The one document per organisation (its id; the organisation is the tenant).</summary>
    public const string DocumentId = "skill-catalogue";

    public SkillCatalogueStateProjection() => Identity<SkillDefined>(_ => DocumentId);

    public static SkillCatalogueState Create(SkillDefined _) => new(DocumentId, 1);

    public SkillCatalogueState Apply(SkillDefined _, SkillCatalogueState state) => state with { Definitions = state.Definitions + 1 };
}
