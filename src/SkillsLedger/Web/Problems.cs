using Microsoft.AspNetCore.Mvc;
using SkillsLedger.Domain.Validation;

namespace SkillsLedger.Web;

/// <summary>
/// RFC 7807 problem details. Every rejection names the field at fault ("events[3].level") so a client can fix
/// its input without reading our logs; no response carries internals such as stack traces or SQL.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static IResult Validation(IReadOnlyList<FieldError> errors, string? title = null) => Create(
        StatusCodes.Status400BadRequest,
        title ?? "The request was rejected; nothing was written",
        errors.Count == 1 ? $"{errors[0].Field}: {errors[0].Message}" : $"{errors.Count} problems, first: {errors[0].Field}: {errors[0].Message}",
        errors);

    public static IResult BadRequest(string field, string detail) =>
        Validation([new FieldError(null, field, detail)]);

    /// <summary>The title of a 400 for a read: "nothing was written" only fits writes.</summary>
    public const string InvalidParametersTitle = "The request was rejected: a parameter is not valid";

    /// <summary>400 for a request's parameters (query string, route), as the validation step of an endpoint returns it.</summary>
    public static ProblemDetails InvalidParameters(IReadOnlyList<FieldError> errors) => Details(
        StatusCodes.Status400BadRequest, InvalidParametersTitle,
        errors.Count == 1 ? $"{errors[0].Field}: {errors[0].Message}" : $"{errors.Count} problems, first: {errors[0].Field}: {errors[0].Message}",
        errors);

    /// <summary>A 400 for one parameter of a read (see <see cref="InvalidParameters"/>).</summary>
    public static IResult BadParameter(string field, string detail) => Results.Problem(InvalidParameters([new FieldError(null, field, detail)]));

    public static IResult TooLarge(string field, string detail) =>
        Create(StatusCodes.Status413PayloadTooLarge, "The request is too large; nothing was written", detail, [new FieldError(null, field, detail)]);

    public static IResult Conflict(string field, string detail) =>
        Create(StatusCodes.Status409Conflict, "Conflict; nothing was written", detail, [new FieldError(null, field, detail)]);

    public static IResult NotFound(string field, string detail) =>
        Create(StatusCodes.Status404NotFound, "Not found", detail, [new FieldError(null, field, detail)]);

    public static IResult UnsupportedMediaType(string detail) =>
        Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type; nothing was written", detail, [new FieldError(null, "Content-Type", detail)]);

    /// <summary>422: the request is fine but the ledger lacks what the answer needs (e.g. an ROI assumption).</summary>
    public static IResult Unprocessable(string field, string detail) =>
        Create(StatusCodes.Status422UnprocessableEntity, "Cannot compute this from the ledger as it stands", detail, [new FieldError(null, field, detail)]);

    public static IResult Unauthorized(string detail) =>
        Create(StatusCodes.Status401Unauthorized, "Authentication required", detail, [new FieldError(null, "Authorization", detail)]);

    public static IResult Forbidden(string detail) =>
        Create(StatusCodes.Status403Forbidden, "Not allowed for this key's role", detail, [new FieldError(null, "Authorization", detail)]);

    public static IResult TooManyRequests(string detail) =>
        Create(StatusCodes.Status429TooManyRequests, "Too many requests", detail, [new FieldError(null, "Authorization", detail)]);

    public static IResult Unavailable(string detail) =>
        Create(StatusCodes.Status503ServiceUnavailable, "Not ready", detail, []);

    private static IResult Create(int status, string title, string detail, IReadOnlyList<FieldError> errors) =>
        Results.Problem(Details(status, title, detail, errors));

    private static ProblemDetails Details(int status, string title, string detail, IReadOnlyList<FieldError> errors)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://httpstatuses.io/{status}",
        };
        if (errors.Count > 0)
            problem.Extensions["errors"] = errors.Select(e => new { index = e.Index, field = e.Field, message = e.Message }).ToArray();
        return problem;
    }
}
