using System.Globalization;

namespace SkillsLedger.Careers;

/// <summary>
/// Numbers in the Dutch explanations (ExplanationNl): decimal comma and the typographic minus (U+2212), as the
/// dashboard's Dutch pages write them, so a negative gain reads "−0,12" there and in the API alike. The
/// process runs with invariant globalization, so there is no nl-NL culture to ask; this provider is all it needs (string.Create(Dutch.Numbers, $"…")).
/// </summary>
public static class Dutch
{
    public static readonly NumberFormatInfo Numbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = ".", NegativeSign = "\u2212" };
}
