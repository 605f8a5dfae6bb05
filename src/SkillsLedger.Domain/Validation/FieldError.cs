namespace SkillsLedger.Domain.Validation;

/// <summary>
/// One problem with one field of the input. <see cref="Index"/> is the event's position in the batch (or
/// null for request-level fields); <see cref="Field"/> is a JSON-path-like name such as "events[3].level".
/// </summary>
public sealed record FieldError(int? Index, string Field, string Message);
