namespace KubeSharp.Api.Selectors;

/// <summary>
/// A label or field selector that could not be parsed or converted. The message is upstream's text;
/// the API server answers it as 400 BadRequest.
/// </summary>
public sealed class SelectorParseException(string message) : FormatException(message);
