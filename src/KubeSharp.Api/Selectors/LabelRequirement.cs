using System.Globalization;
using System.Text;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Selectors;

/// <summary>
/// One term of a label selector: a key, an operator and (for the binary operators) values.
/// Build through <see cref="Create"/>, which validates as upstream's NewRequirement does.
/// </summary>
public sealed record LabelRequirement
{
    public string Key { get; }
    public SelectionOperator Operator { get; }
    /// <summary>Values in the order given; duplicates removed by the parser, kept by <see cref="Create"/>.</summary>
    public IReadOnlyList<string> Values { get; }

    LabelRequirement(string key, SelectionOperator op, IReadOnlyList<string> values)
    {
        Key = key;
        Operator = op;
        Values = values;
    }

    /// <summary>
    /// Validates and builds a requirement. <paramref name="values"/> null stands for Go's nil slice
    /// (only visible in messages). Throws <see cref="SelectorParseException"/> with upstream's aggregated text.
    /// </summary>
    public static LabelRequirement Create(string key, SelectionOperator op, IReadOnlyList<string>? values, string? path = null)
    {
        var errs = Validate(key, op, values, path);
        if (errs.Count > 0)
            throw new SelectorParseException(Aggregate(errs));
        return new LabelRequirement(key, op, values?.ToArray() ?? []);
    }

    internal static List<FieldError> Validate(string key, SelectionOperator op, IReadOnlyList<string>? values, string? path)
    {
        var errs = new List<FieldError>();
        var keyErrs = NameValidation.IsQualifiedName(key);
        if (keyErrs.Count > 0)
            errs.Add(FieldError.Invalid(Child(path, "key"), key, string.Join("; ", keyErrs)));

        var valuesPath = Child(path, "values");
        int count = values?.Count ?? 0;
        var shown = new GoStringSlice(values);
        switch (op)
        {
            case SelectionOperator.In or SelectionOperator.NotIn when count == 0:
                errs.Add(FieldError.Invalid(valuesPath, shown, "for 'in', 'notin' operators, values set can't be empty"));
                break;
            case SelectionOperator.Equals or SelectionOperator.DoubleEquals or SelectionOperator.NotEquals when count != 1:
                errs.Add(FieldError.Invalid(valuesPath, shown, "exact-match compatibility requires one single value"));
                break;
            case SelectionOperator.Exists or SelectionOperator.DoesNotExist when count != 0:
                errs.Add(FieldError.Invalid(valuesPath, shown, "values set must be empty for exists and does not exist"));
                break;
            case SelectionOperator.GreaterThan or SelectionOperator.LessThan:
                if (count != 1)
                    errs.Add(FieldError.Invalid(valuesPath, shown, "for 'Gt', 'Lt' operators, exactly one value is required"));
                for (int i = 0; i < count; i++)
                    if (!long.TryParse(values![i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                        errs.Add(FieldError.Invalid($"{valuesPath}[{i}]", values[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
                break;
        }

        for (int i = 0; i < count; i++)
        {
            var valueErrs = NameValidation.IsValidLabelValue(values![i]);
            if (valueErrs.Count > 0)
                errs.Add(FieldError.Invalid($"{valuesPath}[{i}][{key}]", values[i], string.Join("; ", valueErrs)));
        }
        return errs;
    }

    /// <summary>True if the labels satisfy this requirement (a missing map is the same as an empty one).</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        bool has = labels is not null && labels.TryGetValue(Key, out value);
        switch (Operator)
        {
            case SelectionOperator.In or SelectionOperator.Equals or SelectionOperator.DoubleEquals:
                return has && Values.Contains(value!);
            case SelectionOperator.NotIn or SelectionOperator.NotEquals:
                return !has || !Values.Contains(value!);
            case SelectionOperator.Exists:
                return has;
            case SelectionOperator.DoesNotExist:
                return !has;
            case SelectionOperator.GreaterThan or SelectionOperator.LessThan:
                if (!has || Values.Count != 1) return false;
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)) return false;
                if (!long.TryParse(Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var wanted)) return false;
                return Operator == SelectionOperator.GreaterThan ? actual > wanted : actual < wanted;
            default:
                return false;
        }
    }

    /// <summary>The query-string form: <c>a=b</c>, <c>!a</c>, <c>a in (x,y)</c> (values sorted).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Operator == SelectionOperator.DoesNotExist) sb.Append('!');
        sb.Append(Key);
        switch (Operator)
        {
            case SelectionOperator.Exists or SelectionOperator.DoesNotExist: return sb.ToString();
            case SelectionOperator.Equals: sb.Append('='); break;
            case SelectionOperator.DoubleEquals: sb.Append("=="); break;
            case SelectionOperator.NotEquals: sb.Append("!="); break;
            case SelectionOperator.In: sb.Append(" in ("); break;
            case SelectionOperator.NotIn: sb.Append(" notin ("); break;
            case SelectionOperator.GreaterThan: sb.Append('>'); break;
            case SelectionOperator.LessThan: sb.Append('<'); break;
        }
        sb.AppendJoin(',', Values.Order(StringComparer.Ordinal));
        if (Operator is SelectionOperator.In or SelectionOperator.NotIn) sb.Append(')');
        return sb.ToString();
    }

    public bool Equals(LabelRequirement? other) =>
        other is not null && Key == other.Key && Operator == other.Operator && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Key, Operator, Values.Count);

    static string Child(string? path, string name) => path is null ? name : path + "." + name;

    /// <summary>Joins errors as upstream's utilerrors aggregate prints them.</summary>
    internal static string Aggregate(IReadOnlyList<FieldError> errs)
    {
        var distinct = errs.Select(e => e.ToString()).Distinct().ToList();
        return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
    }

    /// <summary>Prints a value list as Go's %#v prints a []string, which is what upstream's messages show.</summary>
    sealed class GoStringSlice(IReadOnlyList<string>? values)
    {
        public override string ToString() => values is null
            ? "[]string(nil)"
            : "[]string{" + string.Join(", ", values.Select(v => "\"" + v.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"")) + "}";
    }
}
