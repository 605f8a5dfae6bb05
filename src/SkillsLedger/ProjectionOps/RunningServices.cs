using Npgsql;

namespace SkillsLedger.ProjectionOps;

/// <summary>
/// The service's connections carry an application name so that maintenance verbs can see, in pg_stat_activity,
/// whether a `serve` (and its projection daemon) is working on the same database.
/// </summary>
public static class RunningServices
{
    public const string ServiceApplicationName = "skillsledger-serve";
    public const string RebuildApplicationName = "skillsledger-rebuild";

    /// <summary>Appended to a name that is already set (the embedded launcher names its clients "skillsledger:PID").</summary>
    public const string ServiceSuffix = " serve";

    /// <summary>The connection string with the service's application name, or the given one marked as the service's.</summary>
    public static string TagAsService(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.ApplicationName = string.IsNullOrEmpty(builder.ApplicationName) ? ServiceApplicationName : builder.ApplicationName + ServiceSuffix;
        return builder.ConnectionString;
    }

    public static string Tag(string connectionString, string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = applicationName;
        return builder.ConnectionString;
    }

    /// <summary>Other sessions of a `serve` on this database: "pid 123 from 10.0.0.5" each (empty when none).</summary>
    public static async Task<IReadOnlyList<string>> ServicesOnAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select 'pid ' || pid || coalesce(' from ' || host(client_addr), '')
              from pg_stat_activity
             where datname = current_database() and pid <> pg_backend_pid() and (application_name = $1 or application_name like $2)
             order by pid
            """, conn);
        cmd.Parameters.AddWithValue(ServiceApplicationName);
        cmd.Parameters.AddWithValue("%" + ServiceSuffix);
        var sessions = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) sessions.Add(reader.GetString(0));
        return sessions;
    }
}
