using System.Text;

namespace KubeSharp.Api.Selectors;

/// <summary>One term of a field selector: a field equals (or does not equal) a value.</summary>
public sealed record FieldRequirement(string Field, string Value, bool Negated)
{
    public bool Matches(Func<string, string?> getField) => (getField(Field) ?? "") == Value != Negated;

    public override string ToString() => Field + (Negated ? "!=" : "=") + FieldSelector.EscapeValue(Value);
}

/// <summary>
/// A parsed field selector (<c>metadata.name=x,status.phase!=Failed</c>): terms ANDed, sorted as upstream
/// sorts them. Only equality and inequality exist; values escape ',', '=' and '\' with a backslash.
/// </summary>
public sealed class FieldSelector
{
    public IReadOnlyList<FieldRequirement> Requirements { get; }

    FieldSelector(IReadOnlyList<FieldRequirement> requirements) => Requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    public bool IsEmpty => Requirements.Count == 0;

    /// <summary>Parses the query-string syntax; throws <see cref="SelectorParseException"/> with upstream's text.</summary>
    public static FieldSelector Parse(string? selector)
    {
        if (string.IsNullOrEmpty(selector)) return Everything;
        var terms = SplitTerms(selector);
        terms.Sort(StringComparer.Ordinal);
        var requirements = new List<FieldRequirement>(terms.Count);
        foreach (var term in terms)
        {
            if (term.Length == 0) continue;
            if (!SplitTerm(term, out var lhs, out var op, out var rhs))
                throw new SelectorParseException($"invalid selector: '{selector}'; can't understand '{term}'");
            requirements.Add(new FieldRequirement(lhs, UnescapeValue(rhs), op == "!="));
        }
        return new FieldSelector(requirements);
    }

    public static bool TryParse(string? selector, out FieldSelector result, out string? error)
    {
        try
        {
            result = Parse(selector);
            error = null;
            return true;
        }
        catch (SelectorParseException e)
        {
            result = Everything;
            error = e.Message;
            return false;
        }
    }

    /// <summary>A selector requiring each field to equal its value.</summary>
    public static FieldSelector FromSet(IReadOnlyDictionary<string, string> set) =>
        new(set.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new FieldRequirement(kv.Key, kv.Value, false)).ToList());

    /// <summary>True if every term matches; <paramref name="getField"/> returns null for a field the object lacks (compared as "").</summary>
    public bool Matches(Func<string, string?> getField)
    {
        foreach (var r in Requirements)
            if (!r.Matches(getField))
                return false;
        return true;
    }

    /// <summary>If the selector pins <paramref name="field"/> with '=' (e.g. metadata.name=X), that value.</summary>
    public bool RequiresExactMatch(string field, out string value)
    {
        foreach (var r in Requirements)
        {
            if (r.Field == field && !r.Negated)
            {
                value = r.Value;
                return true;
            }
        }
        value = "";
        return false;
    }

    /// <summary>
    /// Rejects fields the resource cannot select on, with upstream's <c>field label not supported: foo</c>.
    /// metadata.name and metadata.namespace are always supported.
    /// </summary>
    public void EnsureSupported(IEnumerable<string> supportedFields)
    {
        var supported = supportedFields as IReadOnlyCollection<string> ?? supportedFields.ToList();
        foreach (var r in Requirements)
            if (r.Field is not ("metadata.name" or "metadata.namespace") && !supported.Contains(r.Field))
                throw new SelectorParseException($"field label not supported: {r.Field}");
    }

    public override string ToString() => string.Join(",", Requirements.Select(r => r.ToString()));

    /// <summary>Escapes '\', ',' and '=' in a value for the query-string form.</summary>
    public static string EscapeValue(string value) =>
        value.Replace("\\", "\\\\").Replace(",", "\\,").Replace("=", "\\=");

    /// <summary>Reverses <see cref="EscapeValue"/>; unknown escapes and bare ',' or '=' are errors, as upstream.</summary>
    public static string UnescapeValue(string value)
    {
        if (value.IndexOfAny(['\\', ',', '=']) < 0) return value;
        var sb = new StringBuilder(value.Length);
        bool inSlash = false;
        foreach (var c in value)
        {
            if (inSlash)
            {
                if (c is not ('\\' or ',' or '='))
                    throw new SelectorParseException($"invalid field selector: invalid escape sequence: \\{c}");
                sb.Append(c);
                inSlash = false;
                continue;
            }
            switch (c)
            {
                case '\\':
                    inSlash = true;
                    break;
                case ',' or '=':
                    // upstream formats the rune with %v, which prints its code point
                    throw new SelectorParseException($"invalid field selector: unescaped character in value: {(int)c}");
                default:
                    sb.Append(c);
                    break;
            }
        }
        if (inSlash)
            throw new SelectorParseException("invalid field selector: invalid escape sequence: \\");
        return sb.ToString();
    }

    // Splits on commas that are not escaped; the backslashes stay for UnescapeValue.
    static List<string> SplitTerms(string selector)
    {
        var terms = new List<string>();
        int start = 0;
        bool escaped = false;
        for (int i = 0; i < selector.Length; i++)
        {
            if (escaped) { escaped = false; continue; }
            if (selector[i] == '\\') { escaped = true; continue; }
            if (selector[i] == ',')
            {
                terms.Add(selector[start..i]);
                start = i + 1;
            }
        }
        terms.Add(selector[start..]);
        return terms;
    }

    static readonly string[] TermOperators = ["!=", "==", "="];

    static bool SplitTerm(string term, out string lhs, out string op, out string rhs)
    {
        for (int i = 0; i < term.Length; i++)
        {
            foreach (var candidate in TermOperators)
            {
                if (string.CompareOrdinal(term, i, candidate, 0, candidate.Length) == 0)
                {
                    lhs = term[..i];
                    op = candidate;
                    rhs = term[(i + candidate.Length)..];
                    return true;
                }
            }
        }
        lhs = op = rhs = "";
        return false;
    }
}
