using System.Linq.Expressions;
using System.Reflection;

namespace SkillsLedger.Domain.Events;

/// <summary>Which events' rows an <see cref="EventTable{TEvent}"/> keeps.</summary>
public enum TableKeeps
{
    /// <summary>One row (or one row per item) for every event: facts that accumulate.</summary>
    EveryEvent,

    /// <summary>
    /// Only the latest event per value of the event's key columns (in log order): a definition that a later one
    /// revises. With items, the latest event's items replace the earlier ones', so items left out disappear.
    /// </summary>
    LatestPerKey,
}

/// <summary>Whether a column is part of the primary key, must hold a value, or may be empty.</summary>
public enum ColumnPresence { Key, Required, Optional }

/// <summary>What the event log knows about a stored event besides its data.</summary>
public enum LogFact
{
    /// <summary>Position of the event in the log.</summary>
    Sequence,

    /// <summary>When the ledger stored it.</summary>
    RecordedAt,
}

/// <summary>
/// One column of an event type's analytics table. Its value is a field of the event (<see cref="Field"/>, the wire
/// name), a field of one item of the event's list (<see cref="OfItem"/>), or a fact of the log. The analytics
/// projection reads it from the record live and from the stored JSON in a full rebuild; both derive from this one
/// declaration, so they cannot disagree about where a value comes from.
/// </summary>
public sealed record EventColumn(
    string Name, string Description, ColumnPresence Presence, Type ValueType,
    string? Field, bool OfItem, LogFact? Log, Func<object, object?>? Value);

/// <summary>An event type's table in the `analytics` schema, as declared in the event's own file.</summary>
public interface IEventTable
{
    string Name { get; }
    string Description { get; }
    Type EventType { get; }
    TableKeeps Keeps { get; }
    IReadOnlyList<EventColumn> Columns { get; }
    IReadOnlyList<(string Name, string[] Columns)> Indexes { get; }

    /// <summary>The event's list one row is made per item of (its wire name), or null for one row per event.</summary>
    string? ItemsField { get; }

    /// <summary>The items of one event (null or empty: no rows).</summary>
    IEnumerable<object>? Items(object e);
}

/// <summary>
/// An event type whose facts the analytics projection keeps in tables of its own, declared beside the record: which
/// rows are kept, each column with its description (the table's COMMENTs for BI tools) and where its value comes from.
/// Adding a field to such a table is one line here; the projection derives the live statements, the full rebuild's
/// SQL and the table's migration from it.
/// </summary>
public interface IAnalyticsEvent
{
    static abstract IReadOnlyList<IEventTable> AnalyticsTables { get; }
}

/// <summary>Starts an event type's table declaration.</summary>
public static class EventTable
{
    /// <summary>A row per event.</summary>
    public static EventTable<TEvent> EveryEvent<TEvent>(string name, string description) where TEvent : ILedgerEvent =>
        new(name, description, TableKeeps.EveryEvent);

    /// <summary>The latest event per value of the key columns.</summary>
    public static EventTable<TEvent> LatestPerKey<TEvent>(string name, string description) where TEvent : ILedgerEvent =>
        new(name, description, TableKeeps.LatestPerKey);

    /// <summary>The wire name of a record member (events are stored and sent in camelCase).</summary>
    internal static string WireName(LambdaExpression member)
    {
        var body = member.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : member.Body;
        if (body is not MemberExpression { Member: PropertyInfo property } || property.DeclaringType is null)
            throw new ArgumentException($"'{member}' must name one property of the record", nameof(member));
        return char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
    }

    /// <summary>
    /// The member's getter over an untyped record, compiled once: the live projection reads every value of every event
    /// through it (a page holds thousands), so no reflection per call.
    /// </summary>
    internal static Func<object, object?> Boxed(LambdaExpression member)
    {
        var x = Expression.Parameter(typeof(object), "x");
        var body = Expression.Invoke(member, Expression.Convert(x, member.Parameters[0].Type));
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(body, typeof(object)), x).Compile();
    }

    /// <summary>The member's value type, without Nullable.</summary>
    internal static Type ValueType(LambdaExpression member) => Nullable.GetUnderlyingType(member.ReturnType) ?? member.ReturnType;
}

/// <summary>See <see cref="IAnalyticsEvent"/>; columns in the order they have in the database (a column added later goes last).</summary>
public class EventTable<TEvent> : IEventTable where TEvent : ILedgerEvent
{
    private protected readonly List<EventColumn> ColumnList = [];
    private readonly List<(string, string[])> _indexes = [];

    internal EventTable(string name, string description, TableKeeps keeps)
    {
        Name = name;
        Description = description;
        Keeps = keeps;
    }

    private protected EventTable(EventTable<TEvent> from)
    {
        Name = from.Name;
        Description = from.Description;
        Keeps = from.Keeps;
        ColumnList.AddRange(from.ColumnList);
        _indexes.AddRange(from._indexes);
    }

    public string Name { get; }
    public string Description { get; }
    public Type EventType => typeof(TEvent);
    public TableKeeps Keeps { get; }
    public IReadOnlyList<EventColumn> Columns => ColumnList;
    public IReadOnlyList<(string Name, string[] Columns)> Indexes => _indexes;
    public virtual string? ItemsField => null;
    public virtual IEnumerable<object>? Items(object e) => null;

    public EventTable<TEvent> Key<TValue>(string name, Expression<Func<TEvent, TValue>> field, string description) =>
        Add(name, description, ColumnPresence.Key, field);

    public EventTable<TEvent> Required<TValue>(string name, Expression<Func<TEvent, TValue>> field, string description) =>
        Add(name, description, ColumnPresence.Required, field);

    public EventTable<TEvent> Optional<TValue>(string name, Expression<Func<TEvent, TValue>> field, string description) =>
        Add(name, description, ColumnPresence.Optional, field);

    /// <summary>A fact of the log about the event (never null).</summary>
    public EventTable<TEvent> Logged(string name, LogFact fact, string description)
    {
        ColumnList.Add(new(name, description, ColumnPresence.Required, fact == LogFact.Sequence ? typeof(long) : typeof(DateTimeOffset), null, false, fact, null));
        return this;
    }

    /// <summary>A plain b-tree index on <paramref name="columns"/> (org_id included where wanted).</summary>
    public EventTable<TEvent> Index(string name, params string[] columns)
    {
        _indexes.Add((name, columns));
        return this;
    }

    /// <summary>One row per item of the event's list <paramref name="items"/> from here on (columns so far are the event's).</summary>
    public EventItemTable<TEvent, TItem> Each<TItem>(Expression<Func<TEvent, IEnumerable<TItem>?>> items) where TItem : notnull =>
        new(this, EventTable.WireName(items), items.Compile());

    private protected EventTable<TEvent> Add(string name, string description, ColumnPresence presence, LambdaExpression field, bool ofItem = false)
    {
        if (ColumnList.Any(c => c.Name == name)) throw new ArgumentException($"column {name} declared twice in {Name}", nameof(name));
        ColumnList.Add(new(name, description, presence, EventTable.ValueType(field), EventTable.WireName(field), ofItem, null, EventTable.Boxed(field)));
        return this;
    }
}

/// <summary>
/// A table with one row per item of an event's list (a course's skills, a role's requirements). Columns declared with
/// Key/Required/Optional are the event's, repeated on each of its rows; ItemKey/ItemRequired/ItemOptional the item's.
/// Within one event an item that repeats a key keeps its first occurrence.
/// </summary>
public sealed class EventItemTable<TEvent, TItem> : EventTable<TEvent> where TEvent : ILedgerEvent where TItem : notnull
{
    private readonly string _itemsField;
    private readonly Func<TEvent, IEnumerable<TItem>?> _items;

    internal EventItemTable(EventTable<TEvent> from, string itemsField, Func<TEvent, IEnumerable<TItem>?> items) : base(from)
    {
        _itemsField = itemsField;
        _items = items;
    }

    public override string? ItemsField => _itemsField;
    public override IEnumerable<object>? Items(object e) => _items((TEvent)e)?.Cast<object>();

    public new EventItemTable<TEvent, TItem> Key<TValue>(string name, Expression<Func<TEvent, TValue>> field, string description) =>
        (EventItemTable<TEvent, TItem>)base.Key(name, field, description);

    public new EventItemTable<TEvent, TItem> Required<TValue>(string name, Expression<Func<TEvent, TValue>> field, string description) =>
        (EventItemTable<TEvent, TItem>)base.Required(name, field, description);

    public EventItemTable<TEvent, TItem> ItemKey<TValue>(string name, Expression<Func<TItem, TValue>> field, string description) =>
        (EventItemTable<TEvent, TItem>)Add(name, description, ColumnPresence.Key, field, ofItem: true);

    public EventItemTable<TEvent, TItem> ItemRequired<TValue>(string name, Expression<Func<TItem, TValue>> field, string description) =>
        (EventItemTable<TEvent, TItem>)Add(name, description, ColumnPresence.Required, field, ofItem: true);

    public EventItemTable<TEvent, TItem> ItemOptional<TValue>(string name, Expression<Func<TItem, TValue>> field, string description) =>
        (EventItemTable<TEvent, TItem>)Add(name, description, ColumnPresence.Optional, field, ofItem: true);

    /// <summary>The item itself (a list of plain values such as skill ids).</summary>
    public EventItemTable<TEvent, TItem> ItemItselfKey(string name, string description)
    {
        ColumnList.Add(new(name, description, ColumnPresence.Key, typeof(TItem), null, true, null, x => x));
        return this;
    }
}
