using System.Globalization;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubeSharp.ApiServer.Serialization;

/// <summary>
/// Converts YAML documents to JSON nodes from the parser's event stream, without recursion, so that
/// absurdly deep input is rejected by a depth limit instead of exhausting the stack.
/// </summary>
public static class YamlToJson
{
    public static List<JsonNode?> ParseAll(string text, int maxDepth)
    {
        var docs = new List<JsonNode?>();
        var parser = new Parser(new StringReader(text));
        var stack = new Stack<(JsonNode Node, string? PendingKey)>();
        JsonNode? root = null;
        var anchors = new Dictionary<string, JsonNode?>();
        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                switch (ev)
                {
                    case DocumentStart:
                        root = null;
                        stack.Clear();
                        break;
                    case DocumentEnd:
                        docs.Add(root);
                        break;
                    case MappingStart ms:
                        Push(new JsonObject(), ms.Anchor);
                        break;
                    case SequenceStart ss:
                        Push(new JsonArray(), ss.Anchor);
                        break;
                    case MappingEnd or SequenceEnd:
                        var (done, _) = stack.Pop();
                        Add(done);
                        break;
                    case Scalar sc:
                        if (stack.Count > 0 && stack.Peek().Node is JsonObject && stack.Peek().PendingKey is null)
                        {
                            var top = stack.Pop();
                            stack.Push((top.Node, sc.Value));
                        }
                        else
                        {
                            var value = ScalarValue(sc);
                            if (!sc.Anchor.IsEmpty) anchors[sc.Anchor.Value] = value?.DeepClone();
                            Add(value);
                        }
                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                            throw StatusError.BadRequest($"yaml: unknown anchor '{alias.Value.Value}' referenced");
                        Add(target?.DeepClone());
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            throw StatusError.BadRequest($"error converting YAML to JSON: yaml: line {e.Start.Line}: {e.Message}");
        }
        return docs;

        void Push(JsonNode node, AnchorName anchor)
        {
            if (stack.Count >= maxDepth) throw StatusError.BadRequest($"yaml: exceeded max depth of {maxDepth}");
            if (!anchor.IsEmpty) anchors[anchor.Value] = node;
            stack.Push((node, null));
        }

        void Add(JsonNode? node)
        {
            if (stack.Count == 0) { root = node; return; }
            var (parent, key) = stack.Pop();
            if (parent is JsonObject obj)
            {
                if (key is null) throw StatusError.BadRequest("error converting YAML to JSON: only string keys are supported");
                obj[key] = node;
                stack.Push((parent, null));
            }
            else
            {
                ((JsonArray)parent).Add(node);
                stack.Push((parent, null));
            }
        }
    }

    static JsonNode? ScalarValue(Scalar sc)
    {
        var v = sc.Value;
        if (sc.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(v);
        if (sc.Tag.IsEmpty is false && sc.Tag.Value == "tag:yaml.org,2002:str") return JsonValue.Create(v);
        switch (v)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (v.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(v.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex)) return JsonValue.Create(hex);
        if (LooksLikeFloat(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        return JsonValue.Create(v);
    }

    static bool LooksLikeFloat(string v) =>
        v.Length > 0 && (char.IsDigit(v[0]) || v[0] is '-' or '+' or '.') && v.All(c => char.IsDigit(c) || c is '.' or 'e' or 'E' or '-' or '+') && v.Any(char.IsDigit);
}
