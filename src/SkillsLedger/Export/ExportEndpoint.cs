using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using Microsoft.AspNetCore.Http.Features;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;
using Wolverine.Http;

namespace SkillsLedger.Export;

/// <summary>
/// GET /api/export/{table}?format=arrow|csv — the caller's organisation's rows of one table of schema analytics,
/// streamed (Arrow IPC stream by default, or CSV) straight to the response body; never buffered whole.
/// </summary>
public static class ExportEndpoint
{
    // Checked here rather than by a choice parameter: the message quotes what was sent (shortened).
    private static readonly QueryParameter Format = new("format", "string", null, "arrow",
        "arrow (Arrow IPC stream) | csv. Default: arrow.", text => ExportFormats.Parse(text) is null ? $"must be 'arrow' or 'csv' (got '{Truncate(text)}')" : null,
        EmptyIsDefault: false);

    public static readonly QuerySpec Query = new(Format);

    public static ProblemDetails Validate(HttpRequest request) => Query.Check(request.Query);

    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("One analytics table's rows of the caller's organisation, streamed as Arrow IPC or CSV")]
    [Produces("application/vnd.apache.arrow.stream", "text/csv")]
    [WolverineGet("/api/export/{table}")]
    public static async Task<IResult> Get(string table, string? format, ClaimsPrincipal user, LedgerDatabase database, CancellationToken ct)
    {
        var chosen = ExportFormats.Parse(string.IsNullOrEmpty(format) ? Format.Default : format)!.Value;
        var exporter = new AnalyticsExporter(database.DataSource);
        if (await exporter.DescribeAsync(table, ct) is not { } described)
        {
            var available = await exporter.ListTablesAsync(ct);
            return Problems.NotFound("table", $"no table '{Truncate(table)}' in schema {AnalyticsExporter.SchemaName}; available: " +
                                              (available.Count == 0 ? "(none)" : string.Join(", ", available)));
        }
        return new StreamedExport(exporter, described, user.Organisation(), chosen);
    }

    private static string Truncate(string text) => text.Length <= 100 ? text : text[..100] + "…";

    /// <summary>Writes the export into HttpContext.Response.Body as rows arrive from PostgreSQL.</summary>
    private sealed class StreamedExport(AnalyticsExporter exporter, ExportTable table, string organisation, ExportFormat format) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ExportFormats.ContentType(format);
            response.Headers.ContentDisposition = ContentDisposition(table.Name, ExportFormats.Extension(format));
            response.Headers.CacheControl = "no-store";
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            try
            {
                await exporter.ExportAsync(table, organisation, format, response.Body, ct: http.RequestAborted);
            }
            catch (Exception ex) when (response.HasStarted && !http.RequestAborted.IsCancellationRequested)
            {
                // Too late for a problem response: cut the connection so the client sees a failed download, not
                // a short file that looks complete.
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExportEndpoint))
                    .LogError(ex, "Export of {Table} failed after the response started", table.Name);
                http.Abort();
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                // The client went away; nothing left to do.
            }
        }
    }

    /// <summary>attachment; filename="table.ext" — with a plain-ASCII fallback and filename* when the name needs it.</summary>
    internal static string ContentDisposition(string table, string extension)
    {
        var file = $"{table}.{extension}";
        var safe = new string(file.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_').ToArray());
        return safe == file
            ? $"attachment; filename=\"{file}\""
            : $"attachment; filename=\"{safe}\"; filename*=UTF-8''{Uri.EscapeDataString(file)}";
    }
}
