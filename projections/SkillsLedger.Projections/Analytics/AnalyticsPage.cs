using JasperFx.Events;
using Marten;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.SkillLevels;

namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// One organisation's events of one daemon page, turned into a handful of statements: the append-only facts go in
/// as one multi-row insert per table (arrays unnested in log order), the order-dependent events (catalogue,
/// person changes) are queued one by one in log order, retractions are applied after the page's assessments, and
/// each touched person-skill's level and growth are recomputed once for the whole page.
/// </summary>
internal sealed class AnalyticsPage(string org)
{
    private readonly List<(IEvent Event, SkillAssessed Data)> _assessed = [];
    private readonly List<(IEvent Event, AssessmentRetracted Data)> _retracted = [];
    private readonly List<(DeclaredTableWriter Writer, List<IEvent> Events)> _declared = [];

    /// <summary>Adds one event; order-dependent ones are queued at once so they keep their log order.</summary>
    public void Add(IDocumentOperations ops, IEvent e)
    {
        // The tables the event's own file declares: a definition is written at once, facts join the page's insert.
        foreach (var writer in DeclaredTables.WritersByEvent.GetValueOrDefault(e.Data.GetType(), []))
        {
            if (!writer.EveryEvent) writer.Queue(ops, org, e);
            else if (_declared.FirstOrDefault(d => d.Writer == writer).Events is { } page) page.Add(e);
            else _declared.Add((writer, [e]));
        }

        switch (e.Data)
        {
            case PersonHired h:
                ops.QueueSqlCommand(AnalyticsSql.UpsertHire, org, h.PersonId, h.Department, h.Role, Db(h.Team), Db(h.MonthlySalary), Time(h.OccurredAt));
                ops.QueueSqlCommand(AnalyticsSql.RecordAssignment, h.EventId!, e.Sequence, Time(h.OccurredAt), org, h.PersonId);
                break;
            case PersonMoved m:
                ops.QueueSqlCommand(AnalyticsSql.ApplyMove, Db(m.Department), Db(m.Role), Db(m.Team), org, m.PersonId);
                ops.QueueSqlCommand(AnalyticsSql.RecordAssignment, m.EventId!, e.Sequence, Time(m.OccurredAt), org, m.PersonId);
                break;
            case PersonLeft l:
                ops.QueueSqlCommand(AnalyticsSql.ApplyLeave, Time(l.OccurredAt), l.Reason.ToString().ToLowerInvariant(), org, l.PersonId);
                break;
            case PersonErased x:
                ops.QueueSqlCommand(AnalyticsSql.MarkErased, Time(x.OccurredAt), org, x.PersonId);
                break;
            case StrategicGoalSet:
                StrategyRows.QueueTargets(ops, org, e);
                break;
            case SkillAssessed a: _assessed.Add((e, a)); break;
            case AssessmentRetracted x: _retracted.Add((e, x)); break;
        }
    }

    /// <summary>Queues the page's multi-row statements (after the order-dependent ones already queued).</summary>
    public void Flush(IDocumentOperations ops)
    {
        if (_assessed.Count > 0)
            ops.QueueSqlCommand(AnalyticsSql.InsertAssessments, org,
                _assessed.Select(x => x.Data.EventId!).ToArray(), _assessed.Select(x => x.Event.Sequence).ToArray(),
                _assessed.Select(x => x.Data.PersonId).ToArray(), _assessed.Select(x => x.Data.Skill).ToArray(),
                _assessed.Select(x => x.Data.Level).ToArray(), _assessed.Select(x => x.Data.Method.ToString().ToLowerInvariant()).ToArray(),
                _assessed.Select(x => WeightedRecencyRule.MethodWeight(x.Data.Method)).ToArray(),
                _assessed.Select(x => Time(x.Data.OccurredAt)).ToArray(), _assessed.Select(x => Time(x.Event.Timestamp)).ToArray(),
                _assessed.Select(x => x.Event.UserName).ToArray(), _assessed.Select(x => x.Data.Source).ToArray());

        var retracted = _retracted.Select(x => x.Data.RetractsEventId).ToArray();
        if (_retracted.Count > 0)
            ops.QueueSqlCommand(AnalyticsSql.RetractAll,
                _retracted.Select(x => x.Data.EventId!).ToArray(), retracted, _retracted.Select(x => x.Data.Reason).ToArray(),
                _retracted.Select(x => x.Event.Sequence).ToArray(), org, org);

        if (_assessed.Count > 0 || _retracted.Count > 0)
        {
            // Each person-skill once, however many of its assessments or retractions the page holds.
            var pairs = _assessed.Select(x => (x.Data.PersonId, x.Data.Skill)).Distinct().ToList();
            object[] touched = [org, pairs.Select(p => p.PersonId).ToArray(), pairs.Select(p => p.Skill).ToArray(), org, retracted];
            ops.QueueSqlCommand(AnalyticsSql.DeleteTouchedLevels, touched);
            ops.QueueSqlCommand(AnalyticsSql.InsertTouchedLevels, touched);
            ops.QueueSqlCommand(AnalyticsSql.DeleteTouchedGrowth, touched);
            ops.QueueSqlCommand(AnalyticsSql.InsertTouchedGrowth, touched);
        }

        foreach (var (writer, events) in _declared) writer.QueuePage(ops, org, events);
    }

    private static DateTimeOffset Time(DateTimeOffset t) => LedgerTime.ToMicroseconds(t);

    // QueueSqlCommand needs a typed null for optional scalars (arrays carry their nulls themselves).
    private static object Db(string? value) => (object?)value ?? DBNull.Value;
    private static object Db(decimal? value) => value.HasValue ? value.Value : DBNull.Value;
}
