using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SkillsLedger.Infrastructure;
using SkillsLedger.Web;

namespace SkillsLedger.Access;

/// <summary>
/// One token bucket per API key (per caller identity), so one runaway client cannot starve the others. A rejected
/// call gets 429 with Retry-After (seconds) as a problem response. /health and the OpenAPI document are not limited.
/// </summary>
public static class PerKeyRateLimit
{
    public static void Configure(RateLimiterOptions o, LedgerServiceOptions options)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            http.Request.Path.StartsWithSegments("/api") && http.User.Identity?.Name is { } who
                ? RateLimitPartition.GetTokenBucketLimiter(who, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RateLimitBurst,
                    TokensPerPeriod = options.RateLimitPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter("unlimited"));
        o.OnRejected = async (context, ct) =>
        {
            var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
            context.HttpContext.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
            await Problems.TooManyRequests($"this key sent more than {options.RateLimitPerSecond} requests per second (burst {options.RateLimitBurst}); retry after {retry} s")
                .ExecuteAsync(context.HttpContext);
        };
    }
}
