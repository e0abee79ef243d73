using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeSharp.Api.Validation;

/// <summary>The kinds of field error upstream reports; the value is the StatusCause reason.</summary>
public enum FieldErrorType
{
    Required,
    Invalid,
    NotSupported,
    Duplicate,
    Forbidden,
    TooLong,
    TooMany,
    NotFound,
    Internal,
}

/// <summary>
/// One problem with one field, printed as upstream prints it:
/// <c>spec.selector: Invalid value: "x": field is immutable</c>.
/// </summary>
public sealed record FieldError(FieldErrorType Type, string Field, string Detail, object? BadValue = null, IReadOnlyList<string>? Supported = null)
{
    public static FieldError Required(string field, string detail = "") => new(FieldErrorType.Required, field, detail);
    public static FieldError Invalid(string field, object? value, string detail) => new(FieldErrorType.Invalid, field, detail, value);
    public static FieldError NotSupported(string field, object? value, IReadOnlyList<string> supported) => new(FieldErrorType.NotSupported, field, "", value, supported);
    public static FieldError Duplicate(string field, object? value) => new(FieldErrorType.Duplicate, field, "", value);
    public static FieldError Forbidden(string field, string detail) => new(FieldErrorType.Forbidden, field, detail);
    public static FieldError TooLong(string field, object? value, int max) => new(FieldErrorType.TooLong, field, $"must have at most {max} bytes", value);
    public static FieldError NotFound(string field, object? value) => new(FieldErrorType.NotFound, field, "", value);
    public static FieldError TooMany(string field, int actual, int max) => new(FieldErrorType.TooMany, field, $"must have at most {max} items", actual);

    /// <summary>A bad value not worth printing (upstream's field.OmitValueType): the body reads "Invalid value: detail".</summary>
    public static readonly object OmitValue = new();

    /// <summary>The StatusCause reason, e.g. "FieldValueInvalid".</summary>
    public string Reason => "FieldValue" + Type switch
    {
        FieldErrorType.Required => "Required",
        FieldErrorType.Invalid => "Invalid",
        FieldErrorType.NotSupported => "NotSupported",
        FieldErrorType.Duplicate => "Duplicate",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.TooLong => "TooLong",
        FieldErrorType.TooMany => "TooMany",
        FieldErrorType.NotFound => "NotFound",
        _ => "Internal",
    };

    /// <summary>The message body after the field path, as upstream's ErrorBody.</summary>
    public string Body
    {
        get
        {
            string head = Type switch
            {
                FieldErrorType.Required => "Required value",
                FieldErrorType.Forbidden => "Forbidden",
                FieldErrorType.TooLong => "Too long",
                FieldErrorType.TooMany => BadValue is null ? "Too many" : "Too many: " + FormatValue(BadValue),
                FieldErrorType.Internal => "Internal error",
                FieldErrorType.Invalid => ReferenceEquals(BadValue, OmitValue) ? "Invalid value" : "Invalid value: " + FormatValue(BadValue),
                FieldErrorType.NotSupported => "Unsupported value: " + FormatValue(BadValue),
                FieldErrorType.Duplicate => "Duplicate value: " + FormatValue(BadValue),
                FieldErrorType.NotFound => "Not found: " + FormatValue(BadValue),
                _ => "",
            };
            if (Type == FieldErrorType.NotSupported && Supported is { Count: > 0 })
                return head + ": supported values: " + string.Join(", ", Supported.Select(s => "\"" + s + "\""));
            return string.IsNullOrEmpty(Detail) ? head : head + ": " + Detail;
        }
    }

    public override string ToString() => $"{Field}: {Body}";

    static string FormatValue(object? v) => v switch
    {
        null => "null",
        string s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        JsonValue jv when jv.TryGetValue<string>(out var s) => "\"" + s + "\"",
        JsonNode n => n.ToJsonString(),
        _ => v.ToString() ?? "",
    };
}
