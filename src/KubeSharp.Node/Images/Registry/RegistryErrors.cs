using System.Net;
using System.Text.Json;

namespace KubeSharp.Node.Images.Registry;

/// <summary>Turns a failed registry response (and its <c>{"errors":[{"code","message"}]}</c> body) into an <see cref="ImagePullException"/>.</summary>
internal static class RegistryErrors
{
    private const int MaxBodyBytes = 16 * 1024;

    public static async Task<ImagePullException> FromResponseAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var detail = await ReadDetailAsync(response, cancellationToken);
        var failure = response.StatusCode switch
        {
            HttpStatusCode.NotFound => ImagePullFailure.NotFound,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ImagePullFailure.Unauthorized,
            _ => ImagePullFailure.RegistryError,
        };
        var message = $"{what}: {(int)response.StatusCode} {response.ReasonPhrase}";
        return new ImagePullException(detail is null ? message : $"{message}: {detail}", failure);
    }

    private static async Task<string?> ReadDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxBodyBytes];
            var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
            if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
                return null;
            var parts = errors.EnumerateArray()
                .Select(e => string.Join(" ", new[] { Text(e, "code"), Text(e, "message") }.Where(s => !string.IsNullOrEmpty(s))))
                .Where(s => s.Length > 0)
                .ToList();
            return parts.Count == 0 ? null : string.Join("; ", parts);
        }
        catch (Exception e) when (e is JsonException or IOException or HttpRequestException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
