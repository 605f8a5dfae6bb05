using Npgsql;

namespace SkillsLedger.Projections.Analytics;

/// <summary>The BI schema's DDL (analytics-schema.sql, idempotent), applied before the projection daemon starts.</summary>
public static class AnalyticsSchema
{
    public const string Name = "analytics";

    public static readonly string[] Tables =
    [
        "skill", "role_requirement", "person", "skill_assessment", "person_skill_level", "skill_growth",
        "course_completion", "course_completion_skill", "performance_signal", "program_cost", "roi_assumption",
        "person_assignment", "course", "course_skill", "program", "program_goal", "strategic_goal", "strategic_target",
        "strategic_goal_retirement",
    ];

    /// <summary>Advisory lock serialising changes to the schema: applying the DDL, and a full rebuild's table swap.</summary>
    public const long DdlLock = 7218829101;

    public static string Ddl()
    {
        using var stream = typeof(AnalyticsSchema).Assembly.GetManifestResourceStream("analytics-schema.sql")
                           ?? throw new InvalidOperationException("analytics-schema.sql is not embedded");
        using var reader = new StreamReader(stream);
        // The views that compute levels at a date use the rule's half-life from its one definition.
        return reader.ReadToEnd().Replace("{{half_life_days}}", AnalyticsSql.HalfLifeDays);
    }

    public static async Task EnsureAsync(string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        // Serialise concurrent starts (two nodes, tests): DDL on the same objects would otherwise deadlock.
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand($"select pg_advisory_xact_lock({DdlLock})", conn, tx))
            await lockCmd.ExecuteNonQueryAsync(ct);
        await using (var cmd = new NpgsqlCommand(Ddl(), conn, tx))
            await cmd.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }
}
