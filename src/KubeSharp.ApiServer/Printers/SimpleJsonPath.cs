using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Printers;

/// <summary>
/// The JSONPath subset CRD printer columns use: <c>.a.b</c>, <c>.a[0]</c>, <c>.a[*]</c>, <c>['key.with.dots']</c>,
/// escaped dots (<c>.metadata.labels.app\.kubernetes\.io/name</c>) and filters such as
/// <c>.status.conditions[?(@.type=="Ready")].status</c> with == or !=. Immutable after parsing.
/// </summary>
public sealed class SimpleJsonPath
{
    abstract record Step;
    sealed record FieldStep(string Name) : Step;
    sealed record IndexStep(int Index) : Step;
    sealed record WildcardStep : Step;
    sealed record FilterStep(string[] Path, bool Negated, JsonNode? Literal) : Step;

    readonly IReadOnlyList<Step> _steps;

    SimpleJsonPath(IReadOnlyList<Step> steps) => _steps = steps;

    public string Expression { get; private init; } = "";

    /// <summary>Parses a path with or without surrounding braces; throws <see cref="FormatException"/> on what the subset cannot express.</summary>
    public static SimpleJsonPath Parse(string expression)
    {
        var s = expression.Trim();
        if (s.StartsWith('{') && s.EndsWith('}')) s = s[1..^1].Trim();
        if (s.StartsWith('$')) s = s[1..];
        var steps = new List<Step>();
        int i = 0;
        while (i < s.Length)
        {
            if (s[i] == '.')
            {
                i++;
                var name = new StringBuilder();
                while (i < s.Length && s[i] != '.' && s[i] != '[')
                {
                    if (s[i] == '\\' && i + 1 < s.Length) i++;
                    name.Append(s[i++]);
                }
                if (name.Length > 0) steps.Add(new FieldStep(name.ToString()));
            }
            else if (s[i] == '[')
            {
                int end = FindClosingBracket(s, i);
                steps.Add(ParseBracket(s[(i + 1)..end].Trim(), expression));
                i = end + 1;
            }
            else
            {
                throw new FormatException($"unrecognized character in JSONPath '{expression}' at {i}");
            }
        }
        return new SimpleJsonPath(steps) { Expression = expression };
    }

    static int FindClosingBracket(string s, int open)
    {
        char? quote = null;
        int depth = 0;
        for (int i = open; i < s.Length; i++)
        {
            char c = s[i];
            if (quote is { } q) { if (c == q) quote = null; continue; }
            if (c is '"' or '\'') quote = c;
            else if (c is '[' or '(') depth++;
            else if (c is ']' or ')')
            {
                depth--;
                if (depth == 0 && c == ']') return i;
            }
        }
        throw new FormatException($"unterminated '[' in JSONPath '{s}'");
    }

    static Step ParseBracket(string inner, string expression)
    {
        if (inner == "*") return new WildcardStep();
        if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0]) return new FieldStep(inner[1..^1]);
        if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index)) return new IndexStep(index);
        if (inner.StartsWith("?(", StringComparison.Ordinal) && inner.EndsWith(')'))
        {
            var body = inner[2..^1].Trim();
            bool negated = body.Contains("!=", StringComparison.Ordinal);
            var parts = body.Split(negated ? "!=" : "==", 2);
            if (parts.Length != 2 || !parts[0].Trim().StartsWith("@.", StringComparison.Ordinal))
                throw new FormatException($"unsupported filter in JSONPath '{expression}'");
            var path = parts[0].Trim()[2..].Split('.');
            var literalText = parts[1].Trim();
            JsonNode? literal = literalText.Length >= 2 && literalText[0] is '\'' or '"' && literalText[^1] == literalText[0]
                ? JsonValue.Create(literalText[1..^1])
                : JsonNode.Parse(literalText);
            return new FilterStep(path, negated, literal);
        }
        throw new FormatException($"unsupported bracket expression '[{inner}]' in JSONPath '{expression}'");
    }

    /// <summary>Every value the path reaches, in document order.</summary>
    public IEnumerable<JsonNode?> Evaluate(JsonNode? root)
    {
        IEnumerable<JsonNode?> current = [root];
        foreach (var step in _steps)
            current = current.SelectMany(node => Apply(step, node)).ToList();
        return current;
    }

    /// <summary>The first value the path reaches, or null.</summary>
    public JsonNode? First(JsonNode? root) => Evaluate(root).FirstOrDefault(n => n is not null);

    static IEnumerable<JsonNode?> Apply(Step step, JsonNode? node)
    {
        switch (step)
        {
            case FieldStep f when node is JsonObject o && o.TryGetPropertyValue(f.Name, out var child):
                yield return child;
                break;
            case IndexStep ix when node is JsonArray a:
                int i = ix.Index < 0 ? a.Count + ix.Index : ix.Index;
                if (i >= 0 && i < a.Count) yield return a[i];
                break;
            case WildcardStep when node is JsonArray a:
                foreach (var item in a) yield return item;
                break;
            case WildcardStep when node is JsonObject o:
                foreach (var (_, v) in o) yield return v;
                break;
            case FilterStep filter when node is JsonArray a:
                foreach (var item in a)
                {
                    JsonNode? value = item;
                    foreach (var segment in filter.Path)
                        value = value is JsonObject vo && vo.TryGetPropertyValue(segment, out var next) ? next : null;
                    bool equal = value is not null && JsonNode.DeepEquals(value, filter.Literal);
                    if (equal != filter.Negated) yield return item;
                }
                break;
        }
    }

    /// <summary>A value as JSONPath output prints it: strings bare, everything else as JSON text.</summary>
    public static string ToText(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node.ToJsonString();
}
