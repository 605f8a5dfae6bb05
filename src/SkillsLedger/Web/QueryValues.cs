using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Instants = SkillsLedger.Domain.Time.AsOf;
using SkillsLedger.Domain.Validation;
using Wolverine.Http;

namespace SkillsLedger.Web;

/// <summary>
/// One query-string parameter: its name, OpenAPI type and default, and how a value is checked and read. Endpoints bind
/// query values as strings — Wolverine's own binding turns an unparsable number into 0 without a word — and check them
/// in their <c>Validate</c> step (<see cref="QuerySpec.Check"/>), which answers 400 problem+json naming the parameter
/// before the endpoint runs; the endpoint then reads the checked text with the <see cref="QueryValues"/> readers.
/// </summary>
/// <param name="EmptyIsDefault">Whether "?name=" means the default (most parameters) or is checked like any value.</param>
/// <param name="Required">Documented as required (the endpoint's Validate step refuses a request without it).</param>
public sealed record QueryParameter(string Name, string Type, string? Format, string? Default, string Description, Func<string, string?> Problem,
    bool EmptyIsDefault = true, bool Required = false)
{
    /// <summary>The error for this value, or null when it is fine (left out, or empty where that means the default).</summary>
    public FieldError? Check(IQueryCollection query)
    {
        if (!query.TryGetValue(Name, out var values)) return null;
        var text = values.ToString();
        if (text.Length == 0 && EmptyIsDefault) return null;
        return Problem(text) is { } message ? new FieldError(null, Name, message) : null;
    }
}

/// <summary>The query parameters of one endpoint class: checked together, documented together (OpenAPI).</summary>
public sealed class QuerySpec(params QueryParameter[] parameters)
{
    public IReadOnlyList<QueryParameter> Parameters { get; } = parameters;

    /// <summary>The endpoint's validation step: every declared parameter checked; 400 naming each bad one.</summary>
    public ProblemDetails Check(IQueryCollection query)
    {
        var errors = Parameters.Select(p => p.Check(query)).OfType<FieldError>().ToList();
        return errors.Count == 0 ? WolverineContinue.NoProblems : Problems.InvalidParameters(errors);
    }
}

/// <summary>The parameters several routes share, defined once.</summary>
public static class QueryValues
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static QueryParameter Instant(string name, string meaning, string whenLeftOut = "the moment of the request") => new(name, "string", "date-time", null,
        $"{meaning}. {Instants.Syntax}. Default: {whenLeftOut}.",
        text => Instants.TryParse(text, out _) ? null : $"'{text}' is not a date or date-time (use ISO-8601, e.g. 2025-03-01 or 2025-03-01T12:00:00Z)");

    public static QueryParameter WholeNumber(string name, int @default, int min, int max, string meaning) => new(name, "integer", "int32",
        @default.ToString(Inv), $"{meaning} ({min}–{max}). Default: {@default}.",
        text => int.TryParse(text, NumberStyles.None, Inv, out var v) && v >= min && v <= max ? null : $"must be a whole number between {min} and {max}");

    public static QueryParameter Choice(string name, string? @default, IReadOnlyCollection<string> choices, string meaning, string? problem = null) => new(name, "string", null,
        @default, $"{meaning}: {string.Join(" | ", choices)}." + (@default is null ? "" : $" Default: {@default}."),
        text => choices.Contains(text) ? null : problem ?? $"must be one of {string.Join("|", choices)}");

    public static readonly QueryParameter AsOf = Instant("asOf", "Business time: figures as they were at this instant");
    public static readonly QueryParameter KnownAt = Instant("knownAt", "Record time: only what the ledger had recorded by this instant");
    public static readonly QueryParameter MinGroupSize = WholeNumber("minGroupSize", 5, 1, 1000,
        "Groups with fewer people are suppressed (n shown, figures withheld)");

    /// <summary>The candidate lists' length (a role's and a strategic target's).</summary>
    public static readonly QueryParameter TopPeople = WholeNumber("top", 20, 1, 1000, "How many people to return, best first");

    /// <summary>A checked value, or the default when left out (after <see cref="QuerySpec.Check"/> has passed).</summary>
    public static int Read(this QueryParameter p, string? text) =>
        int.Parse(string.IsNullOrEmpty(text) ? p.Default! : text, NumberStyles.None, Inv);

    public static DateTimeOffset Read(this QueryParameter p, string? text, DateTimeOffset fallback) =>
        string.IsNullOrEmpty(text) ? fallback : Instants.TryParse(text, out var v) ? v : throw new FormatException(p.Name);

    public static DateTimeOffset? ReadOptional(this QueryParameter p, string? text) =>
        string.IsNullOrEmpty(text) ? null : p.Read(text, default);

    public static string ReadChoice(this QueryParameter p, string? text) => string.IsNullOrEmpty(text) ? p.Default! : text;
}
