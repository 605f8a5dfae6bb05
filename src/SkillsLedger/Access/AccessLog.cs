using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Access;

public sealed record AccessLogView(string PersonId, IReadOnlyList<AccessEntry> Entries);

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

    private static readonly QueryParameter Person = new("personId", "string", null, null, "Whose accesses to list (required)",
        text => text.Any(char.IsControl) ? "must not contain control characters" : null, Required: true);
    private static readonly QueryParameter Limit = new("limit", "integer", "int32", "1000", "At most this many entries, newest first (1–10000). Default: 1000.",
        text => int.TryParse(text, out var v) && v is >= 1 and <= 10_000 ? null : "must be a whole number between 1 and 10000");

    public static readonly QuerySpec Query = new(Person, Limit);

    /// <summary>personId is required; PostgreSQL text cannot hold NUL (nor can a stored person id hold any control character).</summary>
    public static ProblemDetails Validate(HttpRequest request) =>
        request.Query["personId"].ToString().Length == 0
            ? Problems.InvalidParameters([new SkillsLedger.Domain.Validation.FieldError(null, "personId", "is required: whose accesses to list")])
            : Query.Check(request.Query);

    /// <summary>GET /api/audit/access?personId=&amp;limit= — who read this person's data (newest first).</summary>
    [Authorize(Policy = LedgerPolicies.ReadEvidence)]
    [EndpointSummary("Who read one person's data, when and through which route (newest first)")]
    [ProducesResponseType<AccessLogView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/audit/access")]
    public static async Task<IResult> Get(string personId, string? limit, ClaimsPrincipal user, LedgerDatabase db, AccessLogWriter writer, CancellationToken ct)
    {
        var entries = await ReadAsync(db, writer, user.Organisation(), personId, string.IsNullOrEmpty(limit) ? 1000 : int.Parse(limit), ct);
        return Results.Json(new AccessLogView(personId, entries), LedgerJson.Views);
    }

    /// <summary>Who read <paramref name="personId"/>'s data, newest first: the API's answer and the dashboard's audit page.</summary>
    public static async Task<IReadOnlyList<AccessEntry>> ReadAsync(LedgerDatabase db, AccessLogWriter writer, string organisation, string personId, int limit,
        CancellationToken ct)
    {
        // Reads recorded before this one may still be queued: write them first, so the answer is complete.
        await writer.FlushAsync(ct);
        await using var cmd = db.DataSource.CreateCommand(
            $"select at, who, method, route, path, person_id, team, status from {Table} where tenant_id = $1 and person_id = $2 order by at desc, id desc limit $3");
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(personId);
        cmd.Parameters.AddWithValue(limit);
        var entries = new List<AccessEntry>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            entries.Add(new AccessEntry(r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetInt32(7)));
        return entries;
    }
}
