using JasperFx.Events;
using Marten;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// The live statements of one declared table (<see cref="DeclaredTables"/>), generated once from its declaration.
/// A table of the latest definition per key is written as each event comes (upsert, or delete and insert of its
/// items), in log order; a table of every event takes a page's events in one multi-row insert (arrays unnested in
/// log order). Its set-based twin is AnalyticsRebuildSql.Declared.cs.
/// </summary>
internal sealed class DeclaredTableWriter
{
    private readonly IEventTable _table;
    private readonly IReadOnlyList<EventColumn> _eventKeys;
    private readonly string _insertRow, _deleteItems, _insertPage;

    public DeclaredTableWriter(IEventTable table)
    {
        _table = table;
        var qualified = $"{AnalyticsSchema.Name}.{table.Name}";
        var columns = table.Columns.Select(c => c.Name).ToArray();
        var keys = table.Columns.Where(c => c.Presence == ColumnPresence.Key).Select(c => c.Name).Prepend("org_id").ToArray();
        var others = columns.Except(keys).ToArray();
        var list = string.Join(", ", columns);

        // A definition without items replaces the earlier one of the same key; items are deleted and inserted again,
        // where an item repeating a key within the event keeps its first entry (as the rebuild's distinct on does).
        var onConflict = table.Keeps == TableKeeps.LatestPerKey && table.ItemsField is null && others.Length > 0
            ? $"on conflict ({string.Join(", ", keys)}) do update set {string.Join(", ", others.Select(c => $"{c} = excluded.{c}"))}"
            : $"on conflict ({string.Join(", ", keys)}) do nothing";
        _insertRow = $"insert into {qualified} (org_id, {list}) values (?, {string.Join(", ", columns.Select(_ => "?"))}) {onConflict}";

        _eventKeys = DeclaredTables.EventKeys(table);
        _deleteItems = $"delete from {qualified} where org_id = ?{string.Concat(_eventKeys.Select(c => $" and {c.Name} = ?"))}";

        _insertPage = $"""
            insert into {qualified} (org_id, {list})
            select ?, {string.Join(", ", columns.Select(c => $"t.{c}"))}
              from unnest({string.Join(", ", table.Columns.Select(c => $"?::{DeclaredTables.SqlType(c)}[]"))}) with ordinality as t({list}, n)
             order by t.n
            {onConflict}
            """;
    }

    public bool EveryEvent => _table.Keeps == TableKeeps.EveryEvent;

    /// <summary>A definition (latest per key): queued at once so it keeps its place in the log's order.</summary>
    public void Queue(IDocumentOperations ops, string org, IEvent e)
    {
        if (_table.ItemsField is null)
        {
            ops.QueueSqlCommand(_insertRow, [org, .. Row(e, null).Select(Db)]);
            return;
        }
        ops.QueueSqlCommand(_deleteItems, [org, .. _eventKeys.Select(c => Db(Value(c, e, null)))]);
        foreach (var item in _table.Items(e.Data) ?? [])
            ops.QueueSqlCommand(_insertRow, [org, .. Row(e, item).Select(Db)]);
    }

    /// <summary>A page's events of this type (every event kept), one statement: one typed array per column.</summary>
    public void QueuePage(IDocumentOperations ops, string org, IReadOnlyList<IEvent> events)
    {
        var rows = _table.ItemsField is null
            ? events.Select(e => Row(e, null)).ToList()
            : events.SelectMany(e => (_table.Items(e.Data) ?? []).Select(item => Row(e, item))).ToList();
        if (rows.Count == 0) return;
        var parameters = new object[_table.Columns.Count + 1];
        parameters[0] = org;
        for (var k = 0; k < _table.Columns.Count; k++)
        {
            var array = Array.CreateInstance(DeclaredTables.StoredType(_table.Columns[k]), rows.Count);
            for (var r = 0; r < rows.Count; r++) array.SetValue(rows[r][k], r);
            parameters[k + 1] = array;
        }
        ops.QueueSqlCommand(_insertPage, parameters);
    }

    private object?[] Row(IEvent e, object? item) => _table.Columns.Select(c => Value(c, e, item)).ToArray();

    private static object? Value(EventColumn c, IEvent e, object? item) => c.Log switch
    {
        LogFact.Sequence => e.Sequence,
        LogFact.RecordedAt => LedgerTime.ToMicroseconds(e.Timestamp),
        _ => DeclaredTables.Stored(c.Value!(c.OfItem ? item! : e.Data)),
    };

    // QueueSqlCommand needs DBNull for a null scalar (arrays carry their nulls themselves).
    private static object Db(object? value) => value ?? DBNull.Value;
}
