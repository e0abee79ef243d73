using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Errors;

/// <summary>
/// A failure with a Kubernetes <c>Status</c> body (code, reason, message, details). Thrown by the API
/// server's layers and by clients; the HTTP layer writes it as the response.
/// </summary>
public sealed class StatusError : Exception
{
    public int Code { get; }
    public string Reason { get; }
    public string? Name { get; init; }
    public string? Group { get; init; }
    /// <summary>Resource (for NotFound/AlreadyExists/Conflict) or Kind (for Invalid), as upstream's details.kind.</summary>
    public string? DetailsKind { get; init; }
    public IReadOnlyList<FieldError> Causes { get; init; } = [];
    public int? RetryAfterSeconds { get; init; }

    public StatusError(int code, string reason, string message) : base(message)
    {
        Code = code;
        Reason = reason;
    }

    public static StatusError NotFound(string groupResource, string name) =>
        new(404, "NotFound", $"{groupResource} \"{name}\" not found") { Name = name, DetailsKind = ResourceOf(groupResource), Group = GroupOf(groupResource) };

    public static StatusError AlreadyExists(string groupResource, string name) =>
        new(409, "AlreadyExists", $"{groupResource} \"{name}\" already exists") { Name = name, DetailsKind = ResourceOf(groupResource), Group = GroupOf(groupResource) };

    public static StatusError Conflict(string groupResource, string name, string detail) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {groupResource} \"{name}\": {detail}") { Name = name, DetailsKind = ResourceOf(groupResource), Group = GroupOf(groupResource) };

    public static StatusError Invalid(string group, string kind, string name, IReadOnlyList<FieldError> causes)
    {
        var qualified = group.Length == 0 ? kind : $"{kind}.{group}";
        var body = causes.Count == 1 ? causes[0].ToString() : "[" + string.Join(", ", causes.Select(c => c.ToString())) + "]";
        return new(422, "Invalid", $"{qualified} \"{name}\" is invalid: {body}") { Name = name, DetailsKind = kind, Group = group, Causes = causes };
    }

    public static StatusError BadRequest(string message) => new(400, "BadRequest", message);
    public static StatusError Forbidden(string message) => new(403, "Forbidden", message);
    public static StatusError MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);
    public static StatusError Gone(string message) => new(410, "Expired", message);
    public static StatusError UnsupportedMediaType(string contentType) => new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml (got \"{contentType}\")");
    public static StatusError RequestEntityTooLarge(string message) => new(413, "RequestEntityTooLarge", message);
    public static StatusError NotAcceptable(string message) => new(406, "NotAcceptable", message);
    public static StatusError Unauthorized() => new(401, "Unauthorized", "Unauthorized");
    public static StatusError Internal(string message) => new(500, "InternalError", $"Internal error occurred: {message}");
    public static StatusError Timeout(string message) => new(504, "Timeout", message);
    public static StatusError TooManyRequests(string message) => new(429, "TooManyRequests", message) { RetryAfterSeconds = 1 };

    static string ResourceOf(string groupResource) { var dot = groupResource.IndexOf('.'); return dot < 0 ? groupResource : groupResource[..dot]; }
    static string? GroupOf(string groupResource) { var dot = groupResource.IndexOf('.'); return dot < 0 ? null : groupResource[(dot + 1)..]; }

    /// <summary>The metav1.Status object for this error.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        var details = new JsonObject();
        if (Name is not null) details["name"] = Name;
        if (Group is not null) details["group"] = Group;
        if (DetailsKind is not null) details["kind"] = DetailsKind;
        if (Causes.Count > 0)
            details["causes"] = new JsonArray(Causes.Select(c => (JsonNode)new JsonObject { ["reason"] = c.Reason, ["message"] = c.Body, ["field"] = c.Field }).ToArray());
        if (RetryAfterSeconds is { } r) details["retryAfterSeconds"] = r;
        if (details.Count > 0) status["details"] = details;
        status["code"] = Code;
        return status;
    }

    /// <summary>Reads a Status body received from a server back into an error.</summary>
    public static StatusError FromStatus(JsonObject status, int httpCode)
    {
        var details = status["details"] as JsonObject;
        return new StatusError(status["code"]?.GetValue<int>() ?? httpCode, status["reason"]?.GetValue<string>() ?? "Unknown", status["message"]?.GetValue<string>() ?? "")
        {
            Name = details?["name"]?.GetValue<string>(),
            Group = details?["group"]?.GetValue<string>(),
            DetailsKind = details?["kind"]?.GetValue<string>(),
        };
    }
}
