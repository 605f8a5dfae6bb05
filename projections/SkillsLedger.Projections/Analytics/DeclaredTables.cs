using System.Reflection;
using System.Text.Json;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// The analytics tables that event types declare in their own files (<see cref="IAnalyticsEvent"/>), and what
/// every part of the projection derives from such a declaration: the Weasel table (<see cref="Declare"/>), the live
/// statements (<see cref="DeclaredTableWriter"/>) and the full rebuild's SQL (AnalyticsRebuildSql.Declared.cs).
/// A field added to an event's table therefore reaches the database, the live projection and the rebuild at once.
/// </summary>
public static class DeclaredTables
{
    /// <summary>Every declared table by name, in the order the event registry lists their event types.</summary>
    public static readonly IReadOnlyDictionary<string, IEventTable> ByName = EventTypes.All
        .Where(typeof(IAnalyticsEvent).IsAssignableFrom)
        .SelectMany(type => (IReadOnlyList<IEventTable>)type
            .GetProperty(nameof(IAnalyticsEvent.AnalyticsTables), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The live writers of each event type's tables (none for a type that declares none).</summary>
    internal static readonly IReadOnlyDictionary<Type, DeclaredTableWriter[]> WritersByEvent = ByName.Values
        .GroupBy(t => t.EventType)
        .ToDictionary(g => g.Key, g => g.Select(t => new DeclaredTableWriter(t)).ToArray());

    /// <summary>The table <paramref name="name"/> as a Weasel table of the analytics schema (a new instance: Weasel's are mutable).</summary>
    public static AnalyticsTable Declare(string name)
    {
        var declared = ByName[name];
        var table = new AnalyticsTable(declared.Name, declared.Description).Organisation();
        foreach (var c in declared.Columns)
            _ = c.Presence switch
            {
                ColumnPresence.Key => table.Key(c.Name, SqlType(c), c.Description),
                ColumnPresence.Required => table.Required(c.Name, SqlType(c), c.Description),
                _ => table.Optional(c.Name, SqlType(c), c.Description),
            };
        foreach (var (index, columns) in declared.Indexes) table.Index(index, columns);
        return table;
    }

    /// <summary>
    /// The key columns taken from the event itself: what a later definition replaces (latest per key), and what its
    /// items are deleted by before the new ones are inserted.
    /// </summary>
    public static IReadOnlyList<EventColumn> EventKeys(IEventTable table) =>
        table.Columns.Where(c => c.Presence == ColumnPresence.Key && !c.OfItem && c.Log is null).ToArray();

    /// <summary>The PostgreSQL type a column's .NET type is stored as (enums as their contract text, e.g. on_the_job).</summary>
    public static string SqlType(EventColumn c) => c.ValueType switch
    {
        var t when t == typeof(string) || t.IsEnum => "text",
        var t when t == typeof(decimal) => "numeric",
        var t when t == typeof(long) => "bigint",
        var t when t == typeof(int) => "integer",
        var t when t == typeof(double) => "double precision",
        var t when t == typeof(bool) => "boolean",
        var t when t == typeof(DateTimeOffset) => "timestamptz",
        var t when t == typeof(DateOnly) => "date",
        var t => throw new NotSupportedException($"column {c.Name}: no analytics type for {t.Name}"),
    };

    /// <summary>
    /// The value as the table stores it: an enum as its contract text (the same text the rebuild reads from the stored
    /// JSON), an instant in whole microseconds (<see cref="LedgerTime"/>), anything else as it is.
    /// </summary>
    public static object? Stored(object? value) => value switch
    {
        Enum e => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString()),
        DateTimeOffset t => LedgerTime.ToMicroseconds(t),
        _ => value,
    };

    /// <summary>The .NET type of an array of <see cref="Stored"/> values, so Npgsql can send it typed.</summary>
    internal static Type StoredType(EventColumn c) =>
        c.ValueType.IsEnum || c.ValueType == typeof(string) ? typeof(string) : typeof(Nullable<>).MakeGenericType(c.ValueType);
}
