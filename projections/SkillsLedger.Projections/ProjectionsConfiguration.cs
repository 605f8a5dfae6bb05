using JasperFx.Events.Projections;
using Marten;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Projections.Catalogue;

namespace SkillsLedger.Projections;

public static class ProjectionsConfiguration
{
    /// <summary>Registers every SkillsLedger projection with Marten.</summary>
    public static StoreOptions AddLedgerProjections(this StoreOptions opts)
    {
        opts.Projections.Add<SkillCatalogueProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<SkillCatalogueStateProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<RoleProfileProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add(new AnalyticsProjection(), ProjectionLifecycle.Async);
        return opts;
    }
}
