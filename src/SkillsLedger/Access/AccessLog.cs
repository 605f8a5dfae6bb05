using Microsoft.AspNetCore.Authorization;
using Npgsql;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Access;

public sealed record AccessEntry(DateTimeOffset At, string Who, string Method, string Route, string Path, string? PersonId, string? Team, int Status);

/// <summary>
/// Records every read of person-level data — a person's events, levels, lineage, gaps, or a team's gaps — with who,
/// when, the route and the person. Written after the response, also for 404s (someone looked), never for 401/403.
/// </summary>
public static class AccessLog
{
    private static readonly string Table = $"{LedgerStoreConfiguration.Schema}.{LedgerTables.AccessLog}";

    public static bool IsPersonLevel(string method, string template) =>
        method == "GET" && (template.StartsWith("/api/people/{personId}/", StringComparison.Ordinal) || template == "/api/teams/{team}/gaps");

    /// <summary>Queues the row for <see cref="AccessLogWriter"/>; it is in the table within its flush interval.</summary>
    public static ValueTask RecordAsync(HttpContext http, string template) =>
        http.RequestServices.GetRequiredService<AccessLogWriter>().RecordAsync(new AccessLogRow(
            RequestContext.Organisation(http),
            http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            RequestContext.RecordedBy(http),
            http.Request.Method,
            template,
            Storable(http.Request.Path.ToString())!,
            Storable(http.Request.RouteValues["personId"] as string),
            Storable(http.Request.RouteValues["team"] as string),
            http.Response.StatusCode), CancellationToken.None);

    // PostgreSQL text cannot hold NUL; one such row must not stop the batch it is written with.
    private static string? Storable(string? text) => text?.Replace('\0', '\uFFFD');

    /// <summary>GET /api/audit/access?personId=&amp;limit= — who read this person's data (newest first).</summary>
    [Authorize(Policy = LedgerPolicies.ReadEvidence)]
    [WolverineGet("/api/audit/access")]
    public static async Task<IResult> Get(HttpContext http, LedgerDatabase db, AccessLogWriter writer, CancellationToken ct)
    {
        var personId = http.Request.Query["personId"].ToString();
        if (personId.Length == 0) return Problems.BadRequest("personId", "is required: whose accesses to list");
        // PostgreSQL text cannot hold NUL (nor can a stored person id hold any control character): no such person.
        if (personId.Any(char.IsControl)) return Problems.BadRequest("personId", "must not contain control characters");
        var limitText = http.Request.Query["limit"].ToString();
        var limit = 1000;
        if (limitText.Length > 0 && (!int.TryParse(limitText, out limit) || limit is < 1 or > 10_000))
            return Problems.BadRequest("limit", "must be a whole number between 1 and 10000");
        // Reads recorded before this one may still be queued: write them first, so the answer is complete.
        await writer.FlushAsync(ct);
        await using var cmd = db.DataSource.CreateCommand(
            $"select at, who, method, route, path, person_id, team, status from {Table} where tenant_id = $1 and person_id = $2 order by at desc, id desc limit $3");
        cmd.Parameters.AddWithValue(RequestContext.Organisation(http));
        cmd.Parameters.AddWithValue(personId);
        cmd.Parameters.AddWithValue(limit);
        var entries = new List<AccessEntry>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            entries.Add(new AccessEntry(r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetInt32(7)));
        return Results.Json(new { personId, entries }, LedgerJson.Views);
    }
}
