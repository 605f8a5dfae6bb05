using SkillsLedger.Domain.Events;

namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// Set-based twins of <see cref="DeclaredTableWriter"/>: each declared table's rebuild statement, generated from the
/// declaration in the event's file, reading each column from the stored JSON where the live projection reads the
/// record's member.
/// </summary>
public static partial class AnalyticsRebuildSql
{
    /// <summary>The rebuild step of the declared table <paramref name="name"/>.</summary>
    private static Step Declared(string name, string schema, string target)
    {
        var table = DeclaredTables.ByName[name];
        var type = EventTypes.NameOf(table.EventType);
        var columns = string.Join(", ", table.Columns.Select(c => c.Name));
        var values = string.Join(", ", table.Columns.Select(Expression));
        var eventKeys = DeclaredTables.EventKeys(table).Select(Expression)
            .Prepend("e.tenant_id").ToArray();
        var allKeys = table.Columns.Where(c => c.Presence == ColumnPresence.Key).Select(Expression).Prepend("e.tenant_id").ToArray();
        var insert = $"insert into {target}.{name} (org_id, {columns})";

        // The latest definition per key: its events, newest first per key, the first of each kept.
        var latest = $"""
            select distinct on ({string.Join(", ", eventKeys)}) e.* from {Events(schema, type)}
             order by {string.Join(", ", eventKeys)}, e.seq_id desc
            """;

        if (table.ItemsField is not { } items)
            return new(name, table.Keeps == TableKeeps.LatestPerKey
                ? $"{insert}\nselect e.tenant_id, {values} from ({latest}) e"
                : $"{insert}\nselect e.tenant_id, {values} from {Events(schema, type)}");

        // One row per item of the event's list (a list left out or null gives none); an item repeating a key keeps its
        // first entry, as the live insert's `on conflict do nothing` does.
        var from = table.Keeps == TableKeeps.LatestPerKey ? $"({latest}) e" : $"(select e.* from {Events(schema, type)}) e";
        return new(name, $"""
            {insert}
            select distinct on ({string.Join(", ", allKeys)}) e.tenant_id, {values}
              from {from}
             cross join lateral jsonb_array_elements(case when jsonb_typeof(e.data->'{items}') = 'array' then e.data->'{items}' end) with ordinality s(value, n)
             order by {string.Join(", ", allKeys)}, s.n
            """);
    }

    /// <summary>A column's value read from a stored event (alias e) or one item of its list (alias s), typed as the column.</summary>
    private static string Expression(EventColumn c)
    {
        if (c.Log == LogFact.Sequence) return "e.seq_id";
        if (c.Log == LogFact.RecordedAt) return "e.timestamp";
        var text = c switch
        {
            { OfItem: true, Field: null } => "s.value #>> '{}'",
            { OfItem: true } => $"s.value->>'{c.Field}'",
            _ => $"e.data->>'{c.Field}'",
        };
        return DeclaredTables.SqlType(c) switch
        {
            "text" => text,
            "timestamptz" => Time(text),
            var sqlType => $"({text})::{sqlType}",
        };
    }
}
