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
