using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeSharp.Api.Model;

/// <summary>
/// A value that is either an integer or a string ("25%"), written back exactly as it was read.
/// </summary>
[JsonConverter(typeof(IntOrStringConverter))]
public readonly record struct IntOrString
{
    public int? IntValue { get; }
    public string? StringValue { get; }

    public IntOrString(int value) { IntValue = value; StringValue = null; }
    public IntOrString(string value) { IntValue = null; StringValue = value; }

    public bool IsInt => IntValue.HasValue;

    public static implicit operator IntOrString(int value) => new(value);
    public static implicit operator IntOrString(string value) => new(value);

    /// <summary>Resolves the value against a total, as upstream's GetScaledValueFromIntOrPercent.</summary>
    public int Scaled(int total, bool roundUp)
    {
        if (IntValue is { } i) return i;
        var s = StringValue ?? "0";
        if (s.EndsWith('%') && int.TryParse(s.AsSpan(0, s.Length - 1), out var pct))
        {
            var exact = (double)pct * total / 100.0;
            return roundUp ? (int)Math.Ceiling(exact) : (int)Math.Floor(exact);
        }
        return int.TryParse(s, out var n) ? n : 0;
    }

    public override string ToString() => IntValue?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? StringValue ?? "";
}

public sealed class IntOrStringConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => new IntOrString(reader.GetInt32()),
            JsonTokenType.String => new IntOrString(reader.GetString()!),
            _ => throw new JsonException("expected an integer or a string"),
        };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.IntValue is { } i) writer.WriteNumberValue(i);
        else writer.WriteStringValue(value.StringValue);
    }
}
