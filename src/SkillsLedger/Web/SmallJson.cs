using System.Text.Json;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Web;

/// <summary>
/// A JSON answer of a few kilobytes (one person's levels or lineage), serialised into one buffer and written in one go
/// with Content-Length, instead of streamed through the response pipe in chunked encoding as <c>Results.Json</c> does:
/// less work per request on the busiest routes (docs/operations.md "Person-level reads"). Same bytes in the body.
/// </summary>
public static class SmallJson
{
    private const string ContentType = "application/json; charset=utf-8";

    public static IResult View<T>(T value) => new Result<T>(value);

    private sealed class Result<T>(T value) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(value, LedgerJson.Views);
            http.Response.ContentType = ContentType;
            http.Response.ContentLength = body.Length;
            return http.Response.Body.WriteAsync(body, 0, body.Length, http.RequestAborted);
        }
    }
}
