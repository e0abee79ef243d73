using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KubeSharp.Api.Model;
using KubeSharp.Api.Selectors;
using ModelLabelSelector = KubeSharp.Api.Model.LabelSelector;

namespace KubeSharp.Api.Validation;

/// <summary>Small checks shared by many kinds, worded as upstream's apimachinery and core validation.</summary>
public static partial class FieldChecks
{
    public const string ImmutableDetail = "field is immutable";
    const string PercentFmt = "[0-9]+%";

    [GeneratedRegex("^" + PercentFmt + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PercentRegex();

    /// <summary>upstream's ValidateNonnegativeField.</summary>
    public static IEnumerable<FieldError> NonNegative(long? value, string path)
    {
        if (value is < 0) yield return FieldError.Invalid(path, value.Value, "must be greater than or equal to 0");
    }

    /// <summary>upstream's ValidatePositiveField (used where zero is meaningless).</summary>
    public static IEnumerable<FieldError> Positive(long? value, string path)
    {
        if (value is <= 0) yield return FieldError.Invalid(path, value.Value, "must be greater than 0");
    }

    /// <summary>A string that must be one of <paramref name="supported"/>; empty is Required when <paramref name="required"/>.</summary>
    public static IEnumerable<FieldError> OneOf(string? value, string path, IReadOnlyList<string> supported, bool required = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required) yield return FieldError.Required(path);
            yield break;
        }
        if (!supported.Contains(value)) yield return FieldError.NotSupported(path, value, supported);
    }

    /// <summary>upstream's ValidateImmutableField: an Invalid error carrying the new value when it differs from the old.</summary>
    public static IEnumerable<FieldError> Immutable(JsonNode? value, JsonNode? old, string path, object? badValue = null)
    {
        if (!Json.Same(value, old)) yield return FieldError.Invalid(path, badValue ?? Display(value), ImmutableDetail);
    }

    /// <summary>A JSON value as a field error prints it: strings quoted, numbers bare, structures as JSON.</summary>
    public static object? Display(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when Json.Str(v) is { } s => s,
        JsonValue v when Json.Int(v) is { } l => l,
        JsonValue v when Json.Bool(v) is { } b => b,
        _ => value,
    };

    /// <summary>upstream's ValidateNonnegativeIntOrPercent plus IsValidPercent: an int ≥ 0 or "N%".</summary>
    public static IEnumerable<FieldError> IntOrPercent(JsonNode? value, string path)
    {
        if (value is null) yield break;
        if (Json.IsInt(value))
        {
            foreach (var e in NonNegative(Json.Int(value), path)) yield return e;
        }
        else if (Json.Str(value) is { } s)
        {
            if (!PercentRegex().IsMatch(s))
                yield return FieldError.Invalid(path, s, NameValidation.RegexError("a valid percent string must be a numeric string followed by an ending '%'", PercentFmt, "1%", "93%"));
        }
    }

    /// <summary>The percent of an int-or-percent ("25%" → 25), or the integer itself.</summary>
    public static int IntOrPercentValue(JsonNode? value)
    {
        if (Json.IsInt(value)) return (int)(Json.Int(value) ?? 0);
        var s = Json.Str(value) ?? "";
        return s.EndsWith('%') && int.TryParse(s.AsSpan(0, s.Length - 1), out var p) ? p : 0;
    }

    /// <summary>upstream's IsNotMoreThan100Percent, for the percent form only.</summary>
    public static IEnumerable<FieldError> NotMoreThan100Percent(JsonNode? value, string path)
    {
        if (Json.Str(value) is { } s && PercentRegex().IsMatch(s) && IntOrPercentValue(value) > 100)
            yield return FieldError.Invalid(path, s, "must not be greater than 100%");
    }

    /// <summary>A resource quantity at <paramref name="path"/>: parseable and, unless <paramref name="allowNegative"/>, not negative.</summary>
    public static IEnumerable<FieldError> Quantity(JsonNode? value, string path, bool allowNegative = false)
    {
        var text = Json.Text(value);
        if (text is null || !Model.Quantity.TryParse(text, out var d))
        {
            yield return FieldError.Invalid(path, text ?? Display(value), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
            yield break;
        }
        if (!allowNegative && d < 0) yield return FieldError.Invalid(path, text, "must be greater than or equal to 0");
    }

    /// <summary>The model form of a label selector given as JSON (null when absent).</summary>
    public static ModelLabelSelector? ToModelSelector(JsonNode? selector) =>
        selector is JsonObject ? KubeJson.Deserialize<ModelLabelSelector>(selector) : null;

    /// <summary>
    /// A controller's required selector: present, non-empty, well formed, and matching the template's labels
    /// (upstream's checks in ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateDaemonSetSpec and friends).
    /// </summary>
    public static IEnumerable<FieldError> SelectorMatchesTemplate(JsonNode? selector, JsonNode? template, string specPath, string kindForEmpty)
    {
        var selPath = specPath + ".selector";
        if (selector is not JsonObject)
        {
            yield return FieldError.Required(selPath);
            yield break;
        }
        ModelLabelSelector? model;
        try { model = ToModelSelector(selector); }
        catch (System.Text.Json.JsonException) { model = null; }
        if (model is null)
        {
            yield return FieldError.Invalid(selPath, GoValue.LabelSelector(selector), "invalid label selector");
            yield break;
        }
        var selectorErrors = LabelSelectorValidation.Validate(model, selPath);
        foreach (var e in selectorErrors) yield return e;
        if ((model.MatchLabels?.Count ?? 0) + (model.MatchExpressions?.Count ?? 0) == 0)
        {
            yield return FieldError.Invalid(selPath, GoValue.LabelSelector(selector), $"empty selector is invalid for {kindForEmpty}");
            yield break;
        }
        if (selectorErrors.Count > 0) yield break;
        Selectors.LabelSelector parsed;
        try { parsed = Selectors.LabelSelector.FromModel(model); }
        catch (SelectorParseException) { yield break; }
        var labels = Json.StringMap(Json.At(template, "metadata", "labels"));
        if (!parsed.Matches(labels))
            yield return FieldError.Invalid(specPath + ".template.metadata.labels", GoValue.StringMap(labels), "`selector` does not match template `labels`");
    }
}
