using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Patch;

/// <summary>
/// A set of field paths stored as a trie, the shape upstream's FieldsV1 serialises: a node is a member
/// when the path ending there is in the set; in FieldsV1 a member with children carries <c>".": {}</c>.
/// Operations return new sets; a set is never changed once handed out except through <see cref="Insert"/>.
/// </summary>
public sealed class FieldSet
{
    readonly SortedDictionary<PathElement, FieldSet> _children = [];
    bool _member;

    public bool IsEmpty => !_member && _children.Count == 0;

    public void Insert(IReadOnlyList<PathElement> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node._children.TryGetValue(element, out var child)) node._children[element] = child = new FieldSet();
            node = child;
        }
        if (path.Count > 0) node._member = true;
    }

    public bool Has(IReadOnlyList<PathElement> path) => Node(path) is { _member: true } && path.Count > 0;

    /// <summary>True when the set holds the path itself or anything beneath it.</summary>
    public bool HasAnyWithPrefix(IReadOnlyList<PathElement> path) => Node(path) is { } n && !n.IsEmpty;

    /// <summary>True when the set holds a path strictly beneath <paramref name="path"/>.</summary>
    public bool HasDescendants(IReadOnlyList<PathElement> path) => Node(path) is { } n && n._children.Values.Any(c => !c.IsEmpty);

    /// <summary>The sub-trie under a path (empty when absent); shared, do not change it.</summary>
    internal FieldSet? Node(IReadOnlyList<PathElement> path)
    {
        var node = this;
        foreach (var element in path)
            if (!node._children.TryGetValue(element, out node)) return null;
        return node;
    }

    internal IEnumerable<KeyValuePair<PathElement, FieldSet>> Children => _children;
    internal bool IsMember => _member;

    public IEnumerable<IReadOnlyList<PathElement>> Paths()
    {
        var stack = new List<PathElement>();
        return Walk(this, stack);

        static IEnumerable<IReadOnlyList<PathElement>> Walk(FieldSet node, List<PathElement> prefix)
        {
            foreach (var (element, child) in node._children)
            {
                prefix.Add(element);
                if (child._member) yield return prefix.ToArray();
                foreach (var p in Walk(child, prefix)) yield return p;
                prefix.RemoveAt(prefix.Count - 1);
            }
        }
    }

    public FieldSet Union(FieldSet other)
    {
        var result = Clone();
        result.AddAll(other);
        return result;
    }

    void AddAll(FieldSet other)
    {
        _member |= other._member;
        foreach (var (element, child) in other._children)
        {
            if (_children.TryGetValue(element, out var mine)) mine.AddAll(child);
            else _children[element] = child.Clone();
        }
    }

    /// <summary>Paths in this set and not in <paramref name="other"/> (exact paths; descendants are judged on their own).</summary>
    public FieldSet Difference(FieldSet other)
    {
        var result = new FieldSet { _member = _member && !other._member };
        foreach (var (element, child) in _children)
        {
            var diff = other._children.TryGetValue(element, out var theirs) ? child.Difference(theirs) : child.Clone();
            if (!diff.IsEmpty) result._children[element] = diff;
        }
        return result;
    }

    public FieldSet Intersection(FieldSet other)
    {
        var result = new FieldSet { _member = _member && other._member };
        foreach (var (element, child) in _children)
        {
            if (!other._children.TryGetValue(element, out var theirs)) continue;
            var both = child.Intersection(theirs);
            if (!both.IsEmpty) result._children[element] = both;
        }
        return result;
    }

    /// <summary>Drops every path that is, or lies beneath, a member of <paramref name="other"/>.</summary>
    public FieldSet RecursiveDifference(FieldSet other)
    {
        var result = new FieldSet { _member = _member };
        foreach (var (element, child) in _children)
        {
            if (other._children.TryGetValue(element, out var theirs))
            {
                if (theirs._member) continue;
                var diff = child.RecursiveDifference(theirs);
                if (!diff.IsEmpty) result._children[element] = diff;
            }
            else
            {
                result._children[element] = child.Clone();
            }
        }
        return result;
    }

    public FieldSet Clone()
    {
        var copy = new FieldSet { _member = _member };
        foreach (var (element, child) in _children) copy._children[element] = child.Clone();
        return copy;
    }

    public bool SetEquals(FieldSet other) =>
        _member == other._member && _children.Count == other._children.Count
        && _children.All(c => other._children.TryGetValue(c.Key, out var o) && c.Value.SetEquals(o));

    public static FieldSet Of(params IReadOnlyList<PathElement>[] paths)
    {
        var set = new FieldSet();
        foreach (var p in paths) set.Insert(p);
        return set;
    }

    /// <summary>The FieldsV1 JSON of this set.</summary>
    public JsonObject ToFieldsV1()
    {
        var obj = new JsonObject();
        if (_member) obj["."] = new JsonObject();
        foreach (var (element, child) in _children) obj[element.Encode()] = child.ToFieldsV1WithoutSelf();
        return obj;
    }

    JsonObject ToFieldsV1WithoutSelf()
    {
        var obj = new JsonObject();
        if (_member && _children.Count > 0) obj["."] = new JsonObject();
        foreach (var (element, child) in _children) obj[element.Encode()] = child.ToFieldsV1WithoutSelf();
        return obj;
    }

    /// <summary>Parses FieldsV1; throws <see cref="FormatException"/> for members that are not path elements.</summary>
    public static FieldSet FromFieldsV1(JsonObject fields)
    {
        var set = new FieldSet();
        set.Read(fields);
        return set;
    }

    void Read(JsonObject fields)
    {
        foreach (var (name, value) in fields)
        {
            if (name == ".") continue;
            if (!PathElement.TryDecode(name, out var element)) throw new FormatException($"invalid field path element \"{name}\"");
            if (value is not JsonObject nested) throw new FormatException($"expected an object under \"{name}\"");
            var child = new FieldSet();
            // A node with no children is a leaf member; one with children is a member only if it says ".".
            child._member = nested.Count == 0 || nested.ContainsKey(".");
            child.Read(nested);
            _children[element] = child;
        }
    }

    public override string ToString() => ToFieldsV1().ToJsonString();
}
