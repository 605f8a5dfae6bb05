using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>
/// A year kept as text in the record (so that it can be replaced by its ciphertext, like the other personal fields)
/// but written on the wire as the number the contract defines (<c>"birthYear": 1985</c>). Ciphertext, which is never
/// all digits, stays a string; reading accepts either.
/// </summary>
public sealed class YearAsNumber : JsonConverter<string?>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? reader.GetInt32().ToString(CultureInfo.InvariantCulture) : reader.GetString();

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is { Length: > 0 and <= 4 } && value.All(char.IsAsciiDigit)) writer.WriteNumberValue(int.Parse(value, CultureInfo.InvariantCulture));
        else writer.WriteStringValue(value);
    }
}
