using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Health;

/// <summary>Liveness (the process answers) and readiness (the database answers and the schema is in place).</summary>
public static class HealthEndpoints
{
    [AllowAnonymous]
    [EndpointSummary("Whether the process answers")]
    [WolverineGet("/health/live")]
    public static IResult Live() => Results.Json(new { status = "live" });

    [AllowAnonymous]
    [EndpointSummary("Whether the database answers and the ledger schema is in place")]
    [WolverineGet("/health/ready")]
    public static async Task<IResult> Ready(LedgerDatabase database, CancellationToken ct)
    {
        try
        {
            await using var conn = await database.DataSource.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand(
                $"select ({EventStoreSchema.EventsTableExists}) and to_regclass('{LedgerStoreConfiguration.Schema}.{LedgerTables.EventIds}') is not null", conn);
            return await cmd.ExecuteScalarAsync(ct) is true
                ? Results.Json(new { status = "ready" })
                : Problems.Unavailable("the ledger schema is not in place yet");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return Problems.Unavailable("the database does not answer");
        }
    }
}
