using System.Data.Common;
using Weasel.Core;
using Weasel.Postgresql.Tables;

namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// One table of the `analytics` schema as a Weasel table: Marten's migration creates it, adds a column that is
/// declared here but missing in the database, changes a column's type, and builds a missing index. The
/// descriptions become the table's and columns' COMMENTs (what BI tools show), written by <see cref="AnalyticsSchema"/>
/// after the tables; Weasel has no notion of comments.
/// </summary>
public sealed class AnalyticsTable : Table
{
    private readonly List<(string Column, string Text)> _descriptions = [];

    public AnalyticsTable(string name, string description) : base($"{AnalyticsSchema.Name}.{name}")
    {
        Description = description;
    }

    public string Description { get; }

    /// <summary>Column descriptions in declaration order.</summary>
    public IReadOnlyList<(string Column, string Text)> Descriptions => _descriptions;

    /// <summary>The name PostgreSQL gives a `primary key (…)` clause: what databases made before the tables were Weasel's already have.</summary>
    protected override string DefaultPrimaryKeyName() => $"{Identifier.Name}_pkey";

    /// <summary>
    /// Weasel's comparison with the catalogue, leaving out indexes this declaration does not name: an index a BI
    /// team adds for its own queries is not Weasel's to drop (it would at every migration, including `import`'s).
    /// Columns are compared in full: one no longer declared is dropped, as the projection no longer writes it.
    /// </summary>
    public override async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default)
    {
        var delta = (TableDelta)await base.CreateDeltaAsync(reader, ct);
        if (delta.Actual is not { } actual) return delta;
        foreach (var own in actual.Indexes.Where(i => !Indexes.Any(d => d.Name == i.Name)).ToList()) actual.Indexes.Remove(own);
        return new TableDelta(this, actual);
    }

    /// <summary>Every table is keyed by the organisation first.</summary>
    public AnalyticsTable Organisation() => Key("org_id", "text", "Organisation (tenant) id.");

    /// <summary>A column of the primary key (in declaration order), never null.</summary>
    public AnalyticsTable Key(string name, string type, string description) => Column(AddColumn(name, type).AsPrimaryKey(), name, description);

    public AnalyticsTable Required(string name, string type, string description) => Column(AddColumn(name, type).NotNull(), name, description);

    public AnalyticsTable Optional(string name, string type, string description) => Column(AddColumn(name, type).AllowNulls(), name, description);

    /// <summary>A plain b-tree index on <paramref name="columns"/>.</summary>
    public AnalyticsTable Index(string name, params string[] columns)
    {
        Indexes.Add(new IndexDefinition(name) { Columns = columns });
        return this;
    }

    private AnalyticsTable Column(ColumnExpression _, string name, string description)
    {
        _descriptions.Add((name, description));
        return this;
    }
}
