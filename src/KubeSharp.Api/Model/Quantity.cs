using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeSharp.Api.Model;

/// <summary>
/// A resource quantity ("100m", "128Mi", "1.5"), kept as the user wrote it; arithmetic goes through
/// <see cref="ToDecimal"/> and <see cref="MilliValue"/>.
/// </summary>
[JsonConverter(typeof(QuantityConverter))]
public sealed record Quantity(string Value)
{
    static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m), ("k", 1000m), ("M", 1000_000m),
        ("G", 1000_000_000m), ("T", 1000_000_000_000m), ("P", 1000_000_000_000_000m), ("E", 1000_000_000_000_000_000m),
    ];

    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        foreach (var (suffix, factor) in Suffixes)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal) && decimal.TryParse(s.AsSpan(0, s.Length - suffix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            {
                value = n * factor;
                return true;
            }
        }
        var e = s.IndexOfAny(['e', 'E']);
        if (e > 0 && decimal.TryParse(s.AsSpan(0, e), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && int.TryParse(s.AsSpan(e + 1), out var exp))
        {
            value = m * (decimal)Math.Pow(10, exp);
            return true;
        }
        return decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static bool IsValid(string? text) => TryParse(text, out _);

    public decimal ToDecimal() => TryParse(Value, out var v) ? v : 0m;

    /// <summary>The value in thousandths, rounded up, as upstream's MilliValue (CPU is counted this way).</summary>
    public long MilliValue() => (long)Math.Ceiling(ToDecimal() * 1000m);

    /// <summary>The value rounded up to a whole number, as upstream's Value (memory is counted this way).</summary>
    public long IntegerValue() => (long)Math.Ceiling(ToDecimal());

    public override string ToString() => Value;
}

public sealed class QuantityConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new Quantity(reader.GetString()!),
            // A bare number is accepted, as upstream does, and kept in its written form.
            JsonTokenType.Number => new Quantity(System.Text.Encoding.UTF8.GetString(reader.ValueSpan)),
            _ => throw new JsonException("expected a quantity"),
        };

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
