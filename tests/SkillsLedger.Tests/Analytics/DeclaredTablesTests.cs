using System.Text.Json;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.Analytics;

namespace SkillsLedger.Tests.Analytics;

/// <summary>
/// The analytics tables event types declare in their own files (issue 13): every column names a field the stored event
/// carries under that name, and every declared table is created and rebuilt without being listed anywhere else.
/// What the declarations produce — live rows, daemon rebuild, SQL rebuild, equal bit for bit — is checked by
/// AnalyticsEquivalenceTests.
/// </summary>
public sealed class DeclaredTablesTests
{
    public static TheoryData<string> Tables() => [.. DeclaredTables.ByName.Keys];

    [Theory, MemberData(nameof(Tables))]
    public void Each_column_reads_a_field_the_stored_event_carries(string name)
    {
        var table = DeclaredTables.ByName[name];
        var eventFields = JsonFields(table.EventType);
        var itemType = table.ItemsField is { } items ? ElementType(table.EventType, items) : null;
        foreach (var c in table.Columns.Where(c => c.Field is not null))
            Assert.Contains(c.Field, c.OfItem ? JsonFields(itemType!) : eventFields);
        if (table.ItemsField is { } list) Assert.Contains(list, eventFields);
    }

    [Fact]
    public void A_column_must_name_one_property_of_the_record()
    {
        var table = EventTable.EveryEvent<ProgramCost>("program_cost_test", "test");
        var e = Assert.Throws<ArgumentException>(() => table.Required("doubled", c => c.Amount * 2, "twice the amount"));
        Assert.Contains("must name one property", e.Message);
        Assert.Throws<ArgumentException>(() => table.Required("amount", c => c.Amount, "a").Required("amount", c => c.Amount, "again"));
    }

    [Fact]
    public void Every_declared_table_is_created_and_rebuilt()
    {
        var created = AnalyticsSchema.Declared().Select(t => t.Identifier.Name).ToList();
        var rebuilt = AnalyticsRebuildSql.Steps("ledger").Where(s => !s.Table.StartsWith('(')).SelectMany(s => s.Table.Split(", ")).ToList();
        foreach (var name in DeclaredTables.ByName.Keys)
        {
            Assert.Single(created, name);
            Assert.Single(rebuilt, name);
        }
        // The ones written by hand are still there too: 19 tables in all, each rebuilt once.
        Assert.Equal(19, created.Count);
        Assert.Equal(created.Order(), rebuilt.Order());
    }

    [Fact]
    public void Stored_values_are_what_the_rebuild_reads_from_the_json()
    {
        // An enum is stored as the contract's text, the same the JSON holds; an instant loses its 7th fractional digit.
        Assert.Equal("on_the_job", DeclaredTables.Stored(CourseModality.OnTheJob));
        Assert.Equal("\"on_the_job\"", JsonSerializer.Serialize(CourseModality.OnTheJob, LedgerJson.Options));
        var t = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(1)).AddTicks(1234567);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(1234560), DeclaredTables.Stored(t));
    }

    /// <summary>The ledger's JSON conventions, able to describe any type (the shared options resolve types as they are used).</summary>
    private static readonly JsonSerializerOptions Json = new(LedgerJson.Options) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    private static HashSet<string> JsonFields(Type type) =>
        Json.GetTypeInfo(type).Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    private static Type ElementType(Type eventType, string field)
    {
        var property = Json.GetTypeInfo(eventType).Properties.Single(p => p.Name == field).PropertyType;
        return property.GetInterfaces().Append(property)
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)).GetGenericArguments()[0];
    }
}
