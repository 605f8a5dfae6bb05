namespace SkillsLedger.Access;

/// <summary>
/// Records reads of person-level data in the access log (<see cref="AccessLog"/>) after the response: what reached the
/// data — successful reads and not-found look-ups — never refusals (401/403) or rate-limited calls.
/// </summary>
public static class AccessLogRecording
{
    public static IApplicationBuilder UseAccessLog(this IApplicationBuilder app) => app.Use((http, next) =>
        http.Request.Path.StartsWithSegments("/api") ? NextAndRecordAsync(http, next) : next(http));

    private static async Task NextAndRecordAsync(HttpContext http, RequestDelegate next)
    {
        await next(http);
        var template = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (template is null) return;
        if (!template.StartsWith('/')) template = "/" + template;
        var status = http.Response.StatusCode;
        if ((status < 400 || status == StatusCodes.Status404NotFound) && AccessLog.IsPersonLevel(http.Request.Method, template))
            await AccessLog.RecordAsync(http, template);
    }
}
