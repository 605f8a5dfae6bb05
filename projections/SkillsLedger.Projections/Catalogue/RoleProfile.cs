using Marten.Events.Aggregation;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Projections.Catalogue;

/// <summary>The current target profile of a role. Id is the role's stream key ("role:data-analyst").</summary>
public sealed record RoleProfile(string Id, string Role, IReadOnlyList<SkillRequirement> Requirements, string? DefinedByEventId);

public sealed class RoleProfileProjection : SingleStreamProjection<RoleProfile, string>
{
    public static RoleProfile Create(RoleProfileDefined e) => new(StreamKeys.Role(e.Role), e.Role, e.Requirements, e.EventId);

    public RoleProfile Apply(RoleProfileDefined e, RoleProfile _) => Create(e);
}
