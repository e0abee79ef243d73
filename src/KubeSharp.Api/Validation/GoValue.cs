using System.Text;
using System.Text.Json.Nodes;

namespace KubeSharp.Api.Validation;

/// <summary>
/// A bad value printed as upstream's field errors print Go structs and maps (their <c>%#v</c> form),
/// so messages such as <c>v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, …}: field is immutable</c>
/// read the same as a real API server's.
/// </summary>
public sealed record GoValue(string Text)
{
    public override string ToString() => Text;

    public static GoValue StringMap(IReadOnlyDictionary<string, string>? map) => new(FormatStringMap(map));

    public static GoValue Strings(IEnumerable<string>? values) =>
        new(values is null ? "[]string(nil)" : "[]string{" + string.Join(", ", values.Select(Quote)) + "}");

    /// <summary>A metav1.LabelSelector given as JSON (null prints as upstream's dereferenced nil pointer, "null").</summary>
    public static object LabelSelector(JsonNode? selector)
    {
        if (selector is not JsonObject s) return new GoValue("null");
        var sb = new StringBuilder("v1.LabelSelector{MatchLabels:");
        sb.Append(FormatStringMap(Json.StringMap(s["matchLabels"]))).Append(", MatchExpressions:");
        if (s["matchExpressions"] is JsonArray exprs)
        {
            sb.Append("[]v1.LabelSelectorRequirement{");
            sb.AppendJoin(", ", Json.Items(exprs).Select(e =>
                $"v1.LabelSelectorRequirement{{Key:{Quote(Json.Str(e.Item, "key") ?? "")}, Operator:{Quote(Json.Str(e.Item, "operator") ?? "")}, Values:{Strings(e.Item["values"] is JsonArray ? Json.Strings(e.Item["values"]) : null)}}}"));
            sb.Append('}');
        }
        else sb.Append("[]v1.LabelSelectorRequirement(nil)");
        return new GoValue(sb.Append('}').ToString());
    }

    /// <summary>An intstr.IntOrString given as JSON (a number or a string).</summary>
    public static GoValue IntOrString(JsonNode? value)
    {
        if (Json.IsInt(value))
            return new($"intstr.IntOrString{{Type:0, IntVal:{Json.Int(value) ?? 0}, StrVal:\"\"}}");
        return new($"intstr.IntOrString{{Type:1, IntVal:0, StrVal:{Quote(Json.Str(value) ?? "")}}}");
    }

    /// <summary>A struct too large to print usefully, shown by its Go type name only.</summary>
    public static GoValue Elided(string goType) => new(goType + "{...}");

    static string FormatStringMap(IReadOnlyDictionary<string, string>? map)
    {
        if (map is null) return "map[string]string(nil)";
        // Go's fmt prints maps with sorted keys.
        return "map[string]string{" + string.Join(", ", map.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => Quote(kv.Key) + ":" + Quote(kv.Value))) + "}";
    }

    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20) sb.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
