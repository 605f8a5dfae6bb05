using System.Text.RegularExpressions;
using Marten;
using Npgsql;

namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// The `analytics` schema for BI tools. Its tables are Weasel tables (<see cref="Declared"/>, AnalyticsSchema.Tables.cs)
/// that the analytics projection declares as its schema objects, so Marten's migration creates and alters them with
/// the event store. What Weasel cannot declare — the views, comments and row-level security — is SQL
/// (analytics-schema.sql plus comments generated from the declarations), applied right after the migration by
/// <see cref="ApplyAsync"/>, the one path every start and CLI verb takes.
/// </summary>
public static partial class AnalyticsSchema
{
    public const string Name = "analytics";

    public static readonly string[] Tables = Declared().Select(t => t.Identifier.Name).ToArray();

    /// <summary>Advisory lock serialising changes to the schema: applying the DDL, and a full rebuild's table swap.</summary>
    public const long DdlLock = 7218829101;

    private const string ViewsResource = "analytics-schema.sql";

    /// <summary>The views analytics-schema.sql creates, in file order (the order they can be created in).</summary>
    public static IReadOnlyList<string> Views() => ViewName().Matches(ViewsSql()).Select(m => m.Groups[1].Value).ToList();

    /// <summary>
    /// What follows the tables: the views, row-level security (analytics-schema.sql), and the tables' and columns'
    /// COMMENTs from their declarations. Idempotent.
    /// </summary>
    public static string Ddl() => ViewsSql() + "\n" + Comments();

    private static string ViewsSql()
    {
        using var stream = typeof(AnalyticsSchema).Assembly.GetManifestResourceStream(ViewsResource)
                           ?? throw new InvalidOperationException($"{ViewsResource} is not embedded");
        using var reader = new StreamReader(stream);
        // The views that compute levels at a date use the rule's half-life from its one definition.
        return reader.ReadToEnd().Replace("{{half_life_days}}", AnalyticsSql.HalfLifeDays)
            .Replace("{{compare_decimals}}", LevelsAt.CompareDecimals);
    }

    private static string Comments() => string.Join("\n", Declared().SelectMany(t =>
        t.Descriptions.Select(d => $"comment on column {t.Identifier}.{d.Column} is {Literal(d.Text)};")
            .Prepend($"comment on table {t.Identifier} is {Literal(t.Description)};")));

    private static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

    /// <summary>
    /// Brings the whole database schema up to date: Marten's objects, ours and the analytics tables through Marten's
    /// migration, then <see cref="Ddl"/>. When PostgreSQL refuses the migration because a view reads a column it changes
    /// the type of or drops, the views are dropped, the migration is run again, and the views are created again after.
    /// Views of your own over the analytics tables can block such a change in the same way (docs/operations.md).
    /// </summary>
    public static async Task ApplyAsync(DocumentStore store, string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        // Serialise with other nodes' starts and with a full rebuild's table swap, which copies the tables' definitions.
        await ExecuteAsync(conn, null, $"select pg_advisory_lock({DdlLock})", ct);
        try
        {
            try
            {
                await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            }
            catch (Exception e) when (BlockedByAView(e))
            {
                // Tried first rather than comparing the tables beforehand: that comparison would cost every verb a few
                // hundred milliseconds, for a case only some upgrades meet. The migration is computed again from the
                // catalogue, so whatever part of it did apply is not repeated.
                await ExecuteAsync(conn, null, string.Join("\n", Views().Reverse().Select(v => $"drop view if exists {v};")), ct);
                await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            }
            await using var tx = await conn.BeginTransactionAsync(ct);
            await ExecuteAsync(conn, tx, Ddl(), ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            await ExecuteAsync(conn, null, $"select pg_advisory_unlock({DdlLock})", CancellationToken.None);
        }
    }

    /// <summary>PostgreSQL's refusal to change the type of a column a view reads (0A000), or to drop it (2BP01).</summary>
    private static bool BlockedByAView(Exception? e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.FeatureNotSupported or PostgresErrorCodes.DependentObjectsStillExist }
        || (e?.InnerException is { } inner && BlockedByAView(inner));

    private static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex(@"create or replace view (analytics\.\w+)")]
    private static partial Regex ViewName();
}
