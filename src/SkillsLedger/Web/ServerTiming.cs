using System.Diagnostics;
using System.Globalization;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Web;

/// <summary>
/// `Server-Timing: app;dur=MS` on /api responses when <see cref="LedgerServiceOptions.ServerTiming"/> is on: the
/// time from this middleware to the response headers, so a load test can tell time spent in the service from time
/// spent queueing for a core, in the client or on the wire.
/// </summary>
public static class ServerTiming
{
    public static IApplicationBuilder UseServerTiming(this IApplicationBuilder app, LedgerServiceOptions options) =>
        !options.ServerTiming ? app : app.Use((http, next) =>
        {
            if (!http.Request.Path.StartsWithSegments("/api")) return next(http);
            var started = Stopwatch.GetTimestamp();
            http.Response.OnStarting(() =>
            {
                http.Response.Headers["Server-Timing"] =
                    "app;dur=" + Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
            return next(http);
        });
}
