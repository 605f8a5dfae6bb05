using SkillsLedger.Web;

namespace SkillsLedger.Xapi;

/// <summary>Error answers of the LRS: problem+json whose detail names the offending field.</summary>
public static class XapiResults
{
    public static IResult BadRequest(HttpContext http, string detail) => Problem(http, 400, "Bad xAPI request", detail);
    public static IResult NotFound(HttpContext http, string detail) => Problem(http, 404, "Not found", detail);
    public static IResult TooLarge(HttpContext http, string detail) => Problem(http, 413, "Request too large", detail);
    public static IResult Conflict(HttpContext http, string detail) => Problem(http, 409, "Conflict", detail);

    private static IResult Problem(HttpContext http, int status, string title, string detail) =>
        Results.Json(new { type = $"https://httpstatuses.io/{status}", title, status, detail, correlationId = RequestContext.CorrelationId(http) },
            statusCode: status, contentType: Problems.ContentType);
}
