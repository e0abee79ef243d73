using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>Keys and the `immutable` flag shared by ConfigMaps and Secrets.</summary>
internal static partial class ConfigDataChecks
{
    public const int MaxTotalBytes = 1024 * 1024;
    const string KeyFmt = "[-._a-zA-Z0-9]+";
    const string ImmutableWhenSet = "field is immutable when `immutable` is set";

    [GeneratedRegex("^" + KeyFmt + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyRegex();

    /// <summary>upstream's IsConfigMapKey.</summary>
    public static IReadOnlyList<string> IsConfigMapKey(string key)
    {
        var errs = new List<string>();
        if (key.Length > NameValidation.DNS1123SubdomainMaxLength) errs.Add(NameValidation.MaxLenError(NameValidation.DNS1123SubdomainMaxLength));
        if (!KeyRegex().IsMatch(key))
            errs.Add(NameValidation.RegexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", KeyFmt, "key.name", "KEY_NAME", "key-name"));
        if (key == ".") errs.Add("must not be '.'");
        else if (key == "..") errs.Add("must not be '..'");
        else if (key.StartsWith("..", StringComparison.Ordinal)) errs.Add("must not start with '..'");
        return errs;
    }

    public static IEnumerable<FieldError> Keys(JsonObject? map, string field)
    {
        if (map is null) yield break;
        foreach (var (key, _) in map)
            foreach (var m in IsConfigMapKey(key)) yield return FieldError.Invalid($"{field}[{key}]", key, m);
    }

    /// <summary>Once <c>immutable: true</c> is stored, neither the data nor the flag may change.</summary>
    public static IEnumerable<FieldError> Immutable(JsonObject obj, JsonObject old, params string[] dataFields)
    {
        if (Json.Bool(old, "immutable") != true) yield break;
        if (Json.Bool(obj, "immutable") != true) yield return FieldError.Forbidden("immutable", ImmutableWhenSet);
        foreach (var f in dataFields)
            if (!Json.Same(obj[f], old[f])) yield return FieldError.Forbidden(f, ImmutableWhenSet);
    }
}
