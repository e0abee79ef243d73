using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace KubeSharp.Api.Model;

/// <summary>The one JSON dialect of the project: camelCase names, nulls omitted, RFC 3339 times.</summary>
public static class KubeJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = 128,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { UseMicroTimeWhereMarked } },
        };
        o.Converters.Add(new RfcTimeConverter());
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>
    /// Properties marked <see cref="MicroTimeAttribute"/> keep their microseconds: Go clients parse MicroTime with a
    /// fixed six-digit fraction and reject the second-precision form every other timestamp uses.
    /// </summary>
    static void UseMicroTimeWhereMarked(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var p in info.Properties)
        {
            if (p.AttributeProvider?.IsDefined(typeof(MicroTimeAttribute), inherit: false) != true) continue;
            if (p.PropertyType == typeof(DateTimeOffset)) p.CustomConverter = new MicroTimeConverter();
            else if (p.PropertyType == typeof(DateTimeOffset?)) p.CustomConverter = new NullableMicroTimeConverter();
        }
    }

    public static T? Deserialize<T>(JsonNode? node) => node is null ? default : node.Deserialize<T>(Options);

    public static JsonObject ToObject<T>(T value) => (JsonObject)JsonSerializer.SerializeToNode(value, Options)!;

    public static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string FormatMicroTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>Writes timestamps as upstream's metav1.Time does (second precision, UTC, 'Z').</summary>
public sealed class RfcTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(KubeJson.FormatTime(value));
}

/// <summary>Writes a MicroTime as upstream does (microsecond precision, UTC, 'Z').</summary>
public sealed class MicroTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(KubeJson.FormatMicroTime(value));
}

/// <summary><see cref="MicroTimeConverter"/> for optional properties.</summary>
public sealed class NullableMicroTimeConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteStringValue(KubeJson.FormatMicroTime(v));
        else writer.WriteNullValue();
    }
}
