using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KubeSharp.Node.Kubelet.StaticPods;

/// <summary>Reads a static pod manifest (YAML or JSON) into a JSON object; plain YAML scalars get JSON types.</summary>
public static class ManifestReader
{
    public static JsonObject Read(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{')) return JsonNode.Parse(text) as JsonObject ?? throw new InvalidDataException("the manifest is not an object");
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0) throw new InvalidDataException("the manifest is empty");
        return Convert(stream.Documents[0].RootNode) as JsonObject ?? throw new InvalidDataException("the manifest is not an object");
    }

    static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", Convert(p.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(value);
        if (value is "null" or "~" or "") return null;
        if (value is "true" or "True") return JsonValue.Create(true);
        if (value is "false" or "False") return JsonValue.Create(false);
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && value.Any(char.IsDigit)) return JsonValue.Create(d);
        return JsonValue.Create(value);
    }
}
