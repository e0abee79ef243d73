using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Schema;

/// <summary>
/// Checks a custom resource against its structural schema as upstream's OpenAPI validation does for the
/// cases kubectl users meet: JSON type mismatches, required fields and enums. Messages match upstream,
/// e.g. <c>spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"</c>.
/// Nulls count as absent (upstream prunes them from non-nullable fields before validating).
/// </summary>
public sealed class SchemaValidator
{
    public IReadOnlyList<FieldError> Validate(JsonObject obj, SchemaNode schema)
    {
        var errors = new List<FieldError>();
        Walk(obj, schema, "", errors);
        return errors;
    }

    static void Walk(JsonNode? value, SchemaNode schema, string path, List<FieldError> errors)
    {
        if (value is null) return;
        var actual = JsonTypeOf(value);
        if (!TypeMatches(schema, actual))
        {
            var expected = schema.IntOrString ? "integer,string" : schema.Type!;
            var name = path.Length == 0 ? "body" : path;
            errors.Add(FieldError.Invalid(path, actual, $"{name} in body must be of type {expected}: \"{actual}\""));
            return;
        }
        if (schema.Enum is { Count: > 0 } allowed && !allowed.Contains(EnumText(value), StringComparer.Ordinal))
        {
            object bad = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value;
            errors.Add(FieldError.NotSupported(path, bad, allowed));
        }

        switch (value)
        {
            case JsonObject obj:
                foreach (var required in schema.Required ?? [])
                    if (obj[required] is null) errors.Add(FieldError.Required(Join(path, required)));
                foreach (var (key, child) in obj)
                {
                    if (schema.Property(key) is { } childSchema) Walk(child, childSchema, Join(path, key), errors);
                    else if (schema.AdditionalProperties is { } values) Walk(child, values, $"{path}[{key}]", errors);
                }
                break;
            case JsonArray array when schema.Items is { } items:
                for (var i = 0; i < array.Count; i++) Walk(array[i], items, $"{path}[{i}]", errors);
                break;
        }
    }

    static bool TypeMatches(SchemaNode schema, string actual)
    {
        if (schema.IntOrString) return actual is "integer" or "string";
        return schema.Type switch
        {
            null or "" => true,
            "number" => actual is "number" or "integer",
            var t => t == actual,
        };
    }

    /// <summary>The JSON type name as upstream's validator reports it; integral numbers are "integer".</summary>
    static string JsonTypeOf(JsonNode value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsIntegral(v) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    static bool IsIntegral(JsonValue v)
    {
        if (v.TryGetValue<long>(out _) || v.TryGetValue<int>(out _)) return true;
        var text = v.ToJsonString();
        if (long.TryParse(text, out _)) return true;
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
               && Math.Abs(d % 1) == 0 && Math.Abs(d) < 1e15;
    }

    static string EnumText(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value.ToJsonString();

    static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
