using System.Globalization;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Scheduler.Framework.Matching;

/// <summary>One compiled node selector requirement (In, NotIn, Exists, DoesNotExist, Gt, Lt).</summary>
public sealed class NodeRequirement
{
    enum Op { In, NotIn, Exists, DoesNotExist, Gt, Lt, Invalid }

    readonly string _key;
    readonly Op _op;
    readonly HashSet<string> _values;
    readonly long _number;

    NodeRequirement(string key, Op op, HashSet<string> values, long number)
    {
        _key = key;
        _op = op;
        _values = values;
        _number = number;
    }

    public static NodeRequirement From(NodeSelectorRequirement r)
    {
        var values = new HashSet<string>(r.Values ?? [], StringComparer.Ordinal);
        var op = r.Operator switch
        {
            "In" when values.Count > 0 => Op.In,
            "NotIn" when values.Count > 0 => Op.NotIn,
            "Exists" when values.Count == 0 => Op.Exists,
            "DoesNotExist" when values.Count == 0 => Op.DoesNotExist,
            "Gt" or "Lt" when r.Values is [var v] && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => r.Operator == "Gt" ? Op.Gt : Op.Lt,
            _ => Op.Invalid,
        };
        var number = op is Op.Gt or Op.Lt ? long.Parse(r.Values![0], CultureInfo.InvariantCulture) : 0;
        return new NodeRequirement(r.Key, op, values, number);
    }

    /// <summary>A requirement on metadata.name; only In and NotIn are meaningful for fields.</summary>
    public static NodeRequirement FromField(NodeSelectorRequirement r)
    {
        var compiled = From(r);
        return r.Key == "metadata.name" && compiled._op is Op.In or Op.NotIn ? compiled : new NodeRequirement(r.Key, Op.Invalid, [], 0);
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(_key, out var value);
        return Matches(has, value);
    }

    public bool MatchesValue(string value) => Matches(true, value);

    bool Matches(bool has, string? value) => _op switch
    {
        Op.In => has && _values.Contains(value!),
        Op.NotIn => !has || !_values.Contains(value!),
        Op.Exists => has,
        Op.DoesNotExist => !has,
        Op.Gt => has && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n > _number,
        Op.Lt => has && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var m) && m < _number,
        _ => false,
    };
}

/// <summary>A compiled node selector term: every label expression and field requirement must hold; an empty term matches nothing.</summary>
public sealed class NodeSelectorTermMatcher(IReadOnlyList<NodeRequirement> expressions, IReadOnlyList<NodeRequirement> fields)
{
    public static NodeSelectorTermMatcher From(NodeSelectorTerm term) =>
        new([.. (term.MatchExpressions ?? []).Select(NodeRequirement.From)], [.. (term.MatchFields ?? []).Select(NodeRequirement.FromField)]);

    public bool Matches(string nodeName, IReadOnlyDictionary<string, string> labels)
    {
        if (expressions.Count == 0 && fields.Count == 0) return false;
        foreach (var e in expressions) if (!e.Matches(labels)) return false;
        foreach (var f in fields) if (!f.MatchesValue(nodeName)) return false;
        return true;
    }
}

/// <summary>A compiled node selector: its terms are ORed.</summary>
public sealed class NodeSelectorMatcher(IReadOnlyList<NodeSelectorTermMatcher> terms)
{
    public static NodeSelectorMatcher? From(NodeSelector? selector) =>
        selector?.NodeSelectorTerms is null ? null : new([.. selector.NodeSelectorTerms.Select(NodeSelectorTermMatcher.From)]);

    public bool Matches(string nodeName, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var t in terms) if (t.Matches(nodeName, labels)) return true;
        return false;
    }
}

/// <summary>A preferred node affinity term and its weight.</summary>
public sealed record WeightedNodeTerm(int Weight, NodeSelectorTermMatcher Term);
