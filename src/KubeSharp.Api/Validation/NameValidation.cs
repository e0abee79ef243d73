using System.Text;
using System.Text.RegularExpressions;

namespace KubeSharp.Api.Validation;

/// <summary>
/// Name and label checks with upstream's wording (apimachinery <c>util/validation</c>). Each
/// <c>Is…</c> method returns the problems found; an empty list means the value is valid. The
/// <c>Validate…</c> methods wrap them as <see cref="FieldError"/>s at a field path.
/// </summary>
public static partial class NameValidation
{
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;
    public const int DNS1123LabelMaxLength = 63;
    public const int DNS1123SubdomainMaxLength = 253;
    public const int DNS1035LabelMaxLength = 63;
    public const int TotalAnnotationSizeLimitBytes = 256 * 1024;

    const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    const string QualifiedNameErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    const string LabelValueFmt = "(" + QualifiedNameFmt + ")?";
    const string LabelValueErrMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    const string DNS1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    const string DNS1123LabelErrMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    const string DNS1123SubdomainFmt = DNS1123LabelFmt + "(\\." + DNS1123LabelFmt + ")*";
    const string DNS1123SubdomainErrMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    const string DNS1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    const string DNS1035LabelErrMsg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

    // \z rather than $: Go's $ never matches before a trailing newline, .NET's does.
    [GeneratedRegex("^" + QualifiedNameFmt + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedNameRegex();
    [GeneratedRegex("^" + LabelValueFmt + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValueRegex();
    [GeneratedRegex("^" + DNS1123LabelFmt + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DNS1123LabelRegex();
    [GeneratedRegex("^" + DNS1123SubdomainFmt + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DNS1123SubdomainRegex();
    [GeneratedRegex("^" + DNS1035LabelFmt + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DNS1035LabelRegex();
    [GeneratedRegex("^[-a-z0-9]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PortNameCharsRegex();
    [GeneratedRegex("[a-z]", RegexOptions.CultureInvariant)]
    private static partial Regex PortNameOneLetterRegex();

    /// <summary>upstream's <c>MaxLenError</c>.</summary>
    public static string MaxLenError(int length) => $"must be no more than {length} characters";

    /// <summary>upstream's <c>EmptyError</c>.</summary>
    public static string EmptyError() => "must be non-empty";

    /// <summary>upstream's <c>RegexError</c>: the message, examples, then the pattern (the odd spacing is upstream's).</summary>
    public static string RegexError(string message, string format, params string[] examples)
    {
        if (examples.Length == 0)
            return message + " (regex used for validation is '" + format + "')";
        var sb = new StringBuilder(message).Append(" (e.g. ");
        for (int i = 0; i < examples.Length; i++)
        {
            if (i > 0) sb.Append(" or ");
            sb.Append('\'').Append(examples[i]).Append("', ");
        }
        return sb.Append("regex used for validation is '").Append(format).Append("')").ToString();
    }

    /// <summary>A label or annotation key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        var errs = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                    errs.Add("prefix part " + EmptyError());
                else
                    errs.AddRange(IsDNS1123Subdomain(prefix).Select(m => "prefix part " + m));
                break;
            default:
                errs.Add("a qualified name " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
        }

        if (name.Length == 0)
            errs.Add("name part " + EmptyError());
        else if (name.Length > QualifiedNameMaxLength)
            errs.Add("name part " + MaxLenError(QualifiedNameMaxLength));
        if (!QualifiedNameRegex().IsMatch(name))
            errs.Add("name part " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc"));
        return errs;
    }

    /// <summary>A label value: empty, or at most 63 characters shaped like a qualified name.</summary>
    public static IReadOnlyList<string> IsValidLabelValue(string value)
    {
        var errs = new List<string>();
        if (value.Length > LabelValueMaxLength)
            errs.Add(MaxLenError(LabelValueMaxLength));
        if (!LabelValueRegex().IsMatch(value))
            errs.Add(RegexError(LabelValueErrMsg, LabelValueFmt, "MyValue", "my_value", "12345"));
        return errs;
    }

    public static IReadOnlyList<string> IsDNS1123Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > DNS1123LabelMaxLength)
            errs.Add(MaxLenError(DNS1123LabelMaxLength));
        if (!DNS1123LabelRegex().IsMatch(value))
        {
            // A valid subdomain that is not a valid label can only be failing on its dots.
            errs.Add(DNS1123SubdomainRegex().IsMatch(value)
                ? "must not contain dots"
                : RegexError(DNS1123LabelErrMsg, DNS1123LabelFmt, "my-name", "123-abc"));
        }
        return errs;
    }

    public static IReadOnlyList<string> IsDNS1123Subdomain(string value)
    {
        var errs = new List<string>();
        if (value.Length > DNS1123SubdomainMaxLength)
            errs.Add(MaxLenError(DNS1123SubdomainMaxLength));
        if (!DNS1123SubdomainRegex().IsMatch(value))
            errs.Add(RegexError(DNS1123SubdomainErrMsg, DNS1123SubdomainFmt, "example.com"));
        return errs;
    }

    public static IReadOnlyList<string> IsDNS1035Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > DNS1035LabelMaxLength)
            errs.Add(MaxLenError(DNS1035LabelMaxLength));
        if (!DNS1035LabelRegex().IsMatch(value))
            errs.Add(RegexError(DNS1035LabelErrMsg, DNS1035LabelFmt, "my-name", "abc-123"));
        return errs;
    }

    /// <summary>A name usable as one URL path segment (every object name must be one).</summary>
    public static IReadOnlyList<string> IsValidPathSegmentName(string name)
    {
        if (name is "." or "..")
            return [$"may not be '{name}'"];
        var errs = new List<string>();
        foreach (var illegal in (ReadOnlySpan<string>)["/", "%"])
            if (name.Contains(illegal, StringComparison.Ordinal))
                errs.Add($"may not contain '{illegal}'");
        return errs;
    }

    /// <summary>An IANA_SVC_NAME as used for container and service port names.</summary>
    public static IReadOnlyList<string> IsValidPortName(string port)
    {
        var errs = new List<string>();
        if (port.Length > 15)
            errs.Add(MaxLenError(15));
        if (!PortNameCharsRegex().IsMatch(port))
            errs.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        if (!PortNameOneLetterRegex().IsMatch(port))
            errs.Add("must contain at least one letter (a-z)");
        if (port.Contains("--", StringComparison.Ordinal))
            errs.Add("must not contain consecutive hyphens");
        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-'))
            errs.Add("must not begin or end with a hyphen");
        return errs;
    }

    public static IReadOnlyList<string> IsValidPortNum(int port) =>
        port is >= 1 and <= 65535 ? [] : ["must be between 1 and 65535, inclusive"];

    /// <summary>upstream's metav1 ValidateLabelName: one Invalid error per problem with the key.</summary>
    public static IReadOnlyList<FieldError> ValidateLabelName(string key, string fieldPath) =>
        IsQualifiedName(key).Select(m => FieldError.Invalid(fieldPath, key, m)).ToList();

    /// <summary>upstream's metav1 ValidateLabels: keys and values of a label map at <paramref name="fieldPath"/> (e.g. "metadata.labels").</summary>
    public static IReadOnlyList<FieldError> ValidateLabels(IReadOnlyDictionary<string, string>? labels, string fieldPath)
    {
        var errs = new List<FieldError>();
        if (labels is null) return errs;
        foreach (var (k, v) in labels)
        {
            errs.AddRange(ValidateLabelName(k, fieldPath));
            errs.AddRange(IsValidLabelValue(v).Select(m => FieldError.Invalid(fieldPath, v, m)));
        }
        return errs;
    }

    /// <summary>upstream's ValidateAnnotations: keys are qualified names (compared lower-cased), total size at most 256 KiB.</summary>
    public static IReadOnlyList<FieldError> ValidateAnnotations(IReadOnlyDictionary<string, string>? annotations, string fieldPath)
    {
        var errs = new List<FieldError>();
        if (annotations is null) return errs;
        long total = 0;
        foreach (var (k, v) in annotations)
        {
            errs.AddRange(IsQualifiedName(k.ToLowerInvariant()).Select(m => FieldError.Invalid(fieldPath, k, m)));
            total += k.Length + v.Length;
        }
        if (total > TotalAnnotationSizeLimitBytes)
            errs.Add(FieldError.TooLong(fieldPath, "", TotalAnnotationSizeLimitBytes));
        return errs;
    }
}
