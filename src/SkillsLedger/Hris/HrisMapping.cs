using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillsLedger.Hris;

/// <summary>A mapping file that cannot be used, or that does not fit the CSV's header. Reported as one line, exit 1.</summary>
public sealed class HrisMappingException(string message) : Exception(message);

/// <summary>
/// How one HRIS snapshot CSV becomes ledger events (docs/hris-import.md describes every field). Read with
/// System.Text.Json: camelCase names, unknown fields rejected, comments and trailing commas allowed.
/// </summary>
public sealed record HrisMapping
{
    /// <summary>Written as <c>source</c> on every event, e.g. "hris:ibm-sample".</summary>
    public string? Source { get; init; }

    /// <summary>First part of every event id: {eventIdPrefix}-{snapshotDate}-{personId}-{kind}. Default "hris".</summary>
    public string EventIdPrefix { get; init; } = "hris";

    public PersonIdMapping? PersonId { get; init; }
    public ColumnMapping? Department { get; init; }
    public RoleMapping? Role { get; init; }
    public ColumnMapping? Team { get; init; }
    public ColumnMapping? MonthlySalary { get; init; }
    public ColumnMapping? Tenure { get; init; }
    public AttritionMapping? Attrition { get; init; }
    public TrainingMapping? Training { get; init; }
    public PerformanceMapping? Performance { get; init; }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.Strict,
        PropertyNameCaseInsensitive = false,
    };

    /// <summary>Reads and checks a mapping file (the columns are checked later, against the CSV's header).</summary>
    public static HrisMapping Load(string path)
    {
        var name = Path.GetFileName(path);
        HrisMapping? mapping;
        try
        {
            using var stream = File.OpenRead(path);
            mapping = JsonSerializer.Deserialize<HrisMapping>(stream, JsonOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 1 } p ? p[2..] : "(document)";
            var what = ex.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "is not a field of the mapping (field names are camelCase)"
                : ex.LineNumber is { } line ? $"malformed or of the wrong type (line {line + 1}, byte {ex.BytePositionInLine + 1})"
                : "malformed or of the wrong type";
            throw new HrisMappingException($"mapping {name}: {where}: {what}");
        }
        if (mapping is null) throw new HrisMappingException($"mapping {name}: must be a JSON object");
        mapping.Check(name);
        return mapping;
    }

    /// <summary>Field-level rules that do not depend on the CSV.</summary>
    public void Check(string name = "mapping")
    {
        void Fail(string field, string message) => throw new HrisMappingException($"mapping {name}: {field}: {message}");
        void NeedColumn(string field, string? column)
        {
            if (string.IsNullOrWhiteSpace(column)) Fail(field + ".column", "is required");
        }

        if (Source is not null && (string.IsNullOrWhiteSpace(Source) || Source.Length > 100)) Fail("source", "must be a non-blank string of at most 100 characters");
        if (string.IsNullOrWhiteSpace(EventIdPrefix) || EventIdPrefix.Length > 20 || !EventIdPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':'))
            Fail("eventIdPrefix", "must be 1–20 characters: letters, digits, '-', '_' or ':'");
        if (PersonId is null) Fail("personId", "is required");
        NeedColumn("personId", PersonId!.Column);
        if (PersonId.Prefix is { Length: > 20 }) Fail("personId.prefix", "must be at most 20 characters");
        if (PersonId.WhenMissing is not (null or "error" or "row-number")) Fail("personId.whenMissing", "must be \"error\" or \"row-number\"");
        if (Department is null) Fail("department", "is required");
        NeedColumn("department", Department!.Column);
        if (Role is null) Fail("role", "is required");
        NeedColumn("role", Role!.Column);
        if (Team is not null) NeedColumn("team", Team.Column);
        if (MonthlySalary is not null) NeedColumn("monthlySalary", MonthlySalary.Column);
        if (Tenure is null) Fail("tenure", "is required (hire dates are synthesised from it)");
        NeedColumn("tenure", Tenure!.Column);
        if (Attrition is not null)
        {
            NeedColumn("attrition", Attrition.Column);
            if (string.IsNullOrWhiteSpace(Attrition.LeftValue)) Fail("attrition.leftValue", "is required (the cell value meaning \"left\", e.g. \"Yes\")");
            if (Attrition.StayedValue is not null && string.Equals(Attrition.StayedValue.Trim(), Attrition.LeftValue!.Trim(), StringComparison.OrdinalIgnoreCase))
                Fail("attrition.stayedValue", "must differ from leftValue");
            if (Attrition.Reason is not ("voluntary" or "involuntary" or "other")) Fail("attrition.reason", "must be voluntary, involuntary or other");
        }
        if (Training is not null)
        {
            NeedColumn("training", Training.Column);
            if (string.IsNullOrWhiteSpace(Training.CourseId) || Training.CourseId.Length > 90) Fail("training.courseId", "is required, at most 90 characters");
            if (Training.ProgramId is { } prog && (string.IsNullOrWhiteSpace(prog) || prog.Length > 100)) Fail("training.programId", "must be a non-blank string of at most 100 characters");
            if (Training.Hours is not { } h || h < 0 || h > 10_000) Fail("training.hours", "is required: hours per training, 0–10000");
            if (Training.MaxPerPerson is < 0 or > 1000) Fail("training.maxPerPerson", "must be between 0 and 1000");
            if (Training.Skills is { } skills && (skills.Count > 50 || skills.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 100)))
                Fail("training.skills", "at most 50 non-blank names of at most 100 characters");
        }
        if (Performance is not null)
        {
            NeedColumn("performance", Performance.Column);
            if (string.IsNullOrWhiteSpace(Performance.Metric) || Performance.Metric.Length > 100) Fail("performance.metric", "is required, at most 100 characters");
            if (Performance.Unit is { } u && (string.IsNullOrWhiteSpace(u) || u.Length > 50)) Fail("performance.unit", "must be a non-blank string of at most 50 characters");
        }
    }

    /// <summary>Every (mapping field, column) pair, for checking against the header.</summary>
    public IEnumerable<(string Field, string Column)> Columns()
    {
        yield return ("personId.column", PersonId!.Column!);
        yield return ("department.column", Department!.Column!);
        yield return ("role.column", Role!.Column!);
        if (Team is not null) yield return ("team.column", Team.Column!);
        if (MonthlySalary is not null) yield return ("monthlySalary.column", MonthlySalary.Column!);
        yield return ("tenure.column", Tenure!.Column!);
        if (Attrition is not null) yield return ("attrition.column", Attrition.Column!);
        if (Training is not null) yield return ("training.column", Training.Column!);
        if (Performance is not null) yield return ("performance.column", Performance.Column!);
    }
}

/// <summary>A CSV column, by its header name (exact, after trimming spaces).</summary>
public sealed record ColumnMapping
{
    public string? Column { get; init; }
}

/// <summary>
/// The person id: prefix + the cell's text. <c>whenMissing</c>: "error" (default) stops at a blank cell;
/// "row-number" uses prefix + "row" + the row number instead (stable only while the file's rows keep their order).
/// </summary>
public sealed record PersonIdMapping
{
    public string? Column { get; init; }
    public string? Prefix { get; init; }
    public string? WhenMissing { get; init; }
}

/// <summary>The role: <c>values</c> maps a cell value to a role id; otherwise, with <c>kebabCase</c>, the value is normalised
/// to lower-case kebab-case ("Sales Executive" → "sales-executive"); otherwise it is taken as is.</summary>
public sealed record RoleMapping
{
    public string? Column { get; init; }
    public bool KebabCase { get; init; }
    public Dictionary<string, string>? Values { get; init; }
}

/// <summary>Leaving: a cell equal to <c>leftValue</c> (case-insensitive, trimmed) means the person left before the snapshot.</summary>
public sealed record AttritionMapping
{
    public string? Column { get; init; }
    public string? LeftValue { get; init; }
    /// <summary>When set, any value that is neither leftValue nor stayedValue is an error (catches typos and blanks).</summary>
    public string? StayedValue { get; init; }
    public string Reason { get; init; } = "voluntary";
}

/// <summary>A count of trainings in the year before the snapshot → that many course_completed events.</summary>
public sealed record TrainingMapping
{
    public string? Column { get; init; }
    /// <summary>Course id; "{n}" is replaced by the training's number (1, 2, …) for the person.</summary>
    public string? CourseId { get; init; }
    public string? ProgramId { get; init; }
    public decimal? Hours { get; init; }
    public List<string>? Skills { get; init; }
    /// <summary>A count above this is an error (guards against a wrong column). Default 100.</summary>
    public int MaxPerPerson { get; init; } = 100;
}

/// <summary>A numeric rating → one performance_signal.</summary>
public sealed record PerformanceMapping
{
    public string? Column { get; init; }
    public string? Metric { get; init; }
    public string? Unit { get; init; }
}
