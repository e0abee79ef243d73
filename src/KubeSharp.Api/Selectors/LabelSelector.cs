using ModelLabelSelector = KubeSharp.Api.Model.LabelSelector;

namespace KubeSharp.Api.Selectors;

/// <summary>
/// A parsed label selector: requirements ANDed together, sorted by key. <see cref="Everything"/>
/// matches all objects; <see cref="Nothing"/> (what a missing selector on a controller means) matches none.
/// Immutable and safe to share.
/// </summary>
public sealed class LabelSelector
{
    readonly bool _nothing;

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    LabelSelector(IReadOnlyList<LabelRequirement> requirements, bool nothing)
    {
        Requirements = requirements;
        _nothing = nothing;
    }

    public static LabelSelector Everything { get; } = new([], nothing: false);
    public static LabelSelector Nothing { get; } = new([], nothing: true);

    /// <summary>True when the selector does not restrict anything (Everything, or an empty string).</summary>
    public bool IsEmpty => !_nothing && Requirements.Count == 0;

    /// <summary>True for <see cref="Nothing"/>.</summary>
    public bool IsNothing => _nothing;

    /// <summary>Parses the query-string syntax (<c>a=b,c!=d,e in (x,y),!f</c>); throws <see cref="SelectorParseException"/>.</summary>
    public static LabelSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector)) return Everything;
        return new LabelSelector(LabelSelectorParser.Parse(selector), nothing: false);
    }

    public static bool TryParse(string? selector, out LabelSelector result, out string? error)
    {
        try
        {
            result = Parse(selector);
            error = null;
            return true;
        }
        catch (SelectorParseException e)
        {
            result = Nothing;
            error = e.Message;
            return false;
        }
    }

    /// <summary>A selector requiring each key to equal its value; an empty or missing set is Everything. Not validated.</summary>
    public static LabelSelector FromSet(IReadOnlyDictionary<string, string>? set)
    {
        if (set is null || set.Count == 0) return Everything;
        return FromRequirements(set.Select(kv => LabelRequirement.Create(kv.Key, SelectionOperator.Equals, [kv.Value])));
    }

    public static LabelSelector FromRequirements(IEnumerable<LabelRequirement> requirements) =>
        new(requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToList(), nothing: false);

    /// <summary>A new selector with more requirements (Nothing stays Nothing).</summary>
    public LabelSelector Add(params IEnumerable<LabelRequirement> requirements) =>
        _nothing ? this : FromRequirements(Requirements.Concat(requirements));

    /// <summary>
    /// Converts an object's selector as upstream's LabelSelectorAsSelector: null → Nothing, empty → Everything,
    /// otherwise matchLabels as '=' and matchExpressions as in/notin/exists/!. Throws <see cref="SelectorParseException"/>.
    /// </summary>
    public static LabelSelector FromModel(ModelLabelSelector? selector)
    {
        if (selector is null) return Nothing;
        int labels = selector.MatchLabels?.Count ?? 0, expressions = selector.MatchExpressions?.Count ?? 0;
        if (labels + expressions == 0) return Everything;

        var requirements = new List<LabelRequirement>(labels + expressions);
        foreach (var (k, v) in selector.MatchLabels ?? [])
            requirements.Add(LabelRequirement.Create(k, SelectionOperator.Equals, [v]));
        foreach (var expr in selector.MatchExpressions ?? [])
        {
            var op = expr.Operator switch
            {
                "In" => SelectionOperator.In,
                "NotIn" => SelectionOperator.NotIn,
                "Exists" => SelectionOperator.Exists,
                "DoesNotExist" => SelectionOperator.DoesNotExist,
                _ => throw new SelectorParseException($"\"{expr.Operator}\" is not a valid label selector operator"),
            };
            requirements.Add(LabelRequirement.Create(expr.Key, op, expr.Values));
        }
        return FromRequirements(requirements);
    }

    /// <summary>The selector as kubectl describe and the SELECTOR columns print it: <c>&lt;none&gt;</c> when empty, <c>&lt;error&gt;</c> when invalid.</summary>
    public static string Format(ModelLabelSelector? selector)
    {
        try
        {
            var s = FromModel(selector).ToString();
            return s.Length == 0 ? "<none>" : s;
        }
        catch (SelectorParseException)
        {
            return "<error>";
        }
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        if (_nothing) return false;
        foreach (var r in Requirements)
            if (!r.Matches(labels))
                return false;
        return true;
    }

    /// <summary>
    /// If the selector pins <paramref name="label"/> to one value (=, == or a one-value in), that value;
    /// lets callers narrow a list through an index.
    /// </summary>
    public bool RequiresExactMatch(string label, out string value)
    {
        value = "";
        foreach (var r in Requirements)
        {
            if (r.Key != label) continue;
            if (r.Operator is SelectionOperator.Equals or SelectionOperator.DoubleEquals or SelectionOperator.In && r.Values.Count == 1)
            {
                value = r.Values[0];
                return true;
            }
            return false;
        }
        return false;
    }

    /// <summary>The canonical query-string form; empty for Everything and Nothing.</summary>
    public override string ToString() => string.Join(",", Requirements.Select(r => r.ToString()));
}
