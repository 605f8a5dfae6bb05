using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// Writes the `analytics` schema from the event log. Async (run by the daemon) so appends stay fast; person-level
/// API reads do not depend on it (they derive from the person's stream). Every row is a function of events only —
/// no clock, no outside lookups — and the level and growth rows are recomputed from this projection's own
/// skill_assessment rows in a fixed order, so a rebuild reproduces the tables exactly.
/// The daemon hands it a page of events at a time (<see cref="PageSize"/>); each page becomes a few multi-row
/// statements (<see cref="AnalyticsPage"/>) instead of several statements per event. A full rebuild does not
/// replay events at all: see <see cref="AnalyticsRebuildSql"/>.
/// </summary>
public sealed class AnalyticsProjection : EventProjection, IJasperFxProjection<IDocumentOperations>
{
    public const string ProjectionName = "analytics";

    /// <summary>The projection's row in mt_event_progression (Marten's shard name: projection name + ":All").</summary>
    public const string ShardIdentity = ProjectionName + ":All";

    /// <summary>
    /// Events the daemon loads per page (Marten's default is 500). Bigger pages share one recompute among more
    /// assessments of the same person-skill and make fewer round trips; when the daemon is caught up, pages are
    /// as small as what was just appended, so live lag does not grow with it.
    /// </summary>
    public const int PageSize = 5000;

    public AnalyticsProjection()
    {
        Name = ProjectionName;
        foreach (var type in EventTypes.All) IncludeType(type);
        Options.BatchSize = PageSize;
        foreach (var table in AnalyticsSchema.Declared())
        {
            // Marten's documented way for a projection to own tables: its migration creates and alters them.
            SchemaObjects.Add(table);
            // A daemon rebuild starts from empty tables (Marten deletes their rows before replaying).
            Options.DeleteDataInTableOnTeardown(table.Identifier.QualifiedName);
        }
    }

    /// <summary>
    /// The daemon's entry point: one page of events (already one organisation's, in log order). Implemented
    /// explicitly to take the interface over from EventProjection, whose own version applies event by event.
    /// </summary>
    Task IJasperFxProjection<IDocumentOperations>.ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        Apply(operations, events);
        return Task.CompletedTask;
    }

    /// <summary>Single events (inline use) go through the same code as a page of one.</summary>
    public override ValueTask ApplyAsync(IDocumentOperations ops, IEvent e, CancellationToken cancellation)
    {
        Apply(ops, [e]);
        return ValueTask.CompletedTask;
    }

    private static void Apply(IDocumentOperations ops, IReadOnlyList<IEvent> events)
    {
        var pages = new Dictionary<string, AnalyticsPage>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!pages.TryGetValue(e.TenantId, out var page)) pages[e.TenantId] = page = new AnalyticsPage(e.TenantId);
            page.Add(ops, e);
        }
        foreach (var page in pages.Values) page.Flush(ops);
    }
}
