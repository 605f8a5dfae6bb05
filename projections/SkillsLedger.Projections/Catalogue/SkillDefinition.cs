using Marten.Events.Aggregation;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Projections.Catalogue;

/// <summary>The current definition of one skill. Id is the skill's stream key ("skill:csharp").</summary>
public sealed record SkillDefinition(
    string Id, string Skill, string Name, decimal ScaleMin, decimal ScaleMax, IReadOnlyList<string>? LevelLabels, string? DefinedByEventId);

/// <summary>
/// Inline: ingestion validates every assessment against the skill's scale, so the definition must be
/// readable in the same transaction that defines it. A redefinition replaces the previous one.
/// </summary>
public sealed class SkillCatalogueProjection : SingleStreamProjection<SkillDefinition, string>
{
    public static SkillDefinition Create(SkillDefined e) =>
        new(StreamKeys.Skill(e.Skill), e.Skill, e.Name, e.ScaleMin, e.ScaleMax, e.LevelLabels, e.EventId);

    public SkillDefinition Apply(SkillDefined e, SkillDefinition _) => Create(e);
}
