namespace KubeSharp.ApiServer.Endpoints;

/// <summary>
/// What a resource URL names, parsed as upstream's RequestInfoFactory does:
/// <c>/api/v1/namespaces/{ns}/{resource}/{name}/{subresource}</c> and <c>/apis/{group}/{version}/…</c>.
/// </summary>
public sealed record RequestInfo
{
    public required string Group { get; init; }
    public required string Version { get; init; }
    public string? Namespace { get; init; }
    public required string Resource { get; init; }
    public string? Name { get; init; }
    public string? Subresource { get; init; }
    /// <summary>get, list, watch, create, update, patch, delete, deletecollection.</summary>
    public required string Verb { get; init; }

    static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    /// <summary>Parses a resource path; null if the path is not a resource request (discovery, health, …).</summary>
    public static RequestInfo? Parse(string method, string path, bool watchParam)
    {
        var parts = path.Trim('/').Split('/');
        string group, version;
        int i;
        if (parts.Length >= 3 && parts[0] == "api") { group = ""; version = parts[1]; i = 2; }
        else if (parts.Length >= 4 && parts[0] == "apis") { group = parts[1]; version = parts[2]; i = 3; }
        else return null;

        var rest = parts[i..];
        if (rest.Length == 0 || rest.Any(p => p.Length == 0)) return null;
        var watchPrefix = false;
        if (rest[0] == "watch") { watchPrefix = true; rest = rest[1..]; if (rest.Length == 0) return null; }

        string? ns = null;
        if (rest[0] == "namespaces" && rest.Length > 1)
        {
            ns = rest[1];
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2])) rest = rest[2..];
        }
        // For the namespaces resource itself, the "namespace" is the object's name.
        var resource = rest[0];
        string? name = rest.Length > 1 ? rest[1] : null;
        string? sub = rest.Length > 2 ? string.Join('/', rest[2..]) : null;
        if (resource == "namespaces" && ns is not null && rest[0] == "namespaces") { name = ns; ns = null; }

        var verb = method switch
        {
            "GET" or "HEAD" => name is null ? (watchParam || watchPrefix ? "watch" : "list") : (watchParam || watchPrefix ? "watch" : "get"),
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => name is null ? "deletecollection" : "delete",
            _ => method.ToLowerInvariant(),
        };
        return new RequestInfo { Group = group, Version = version, Namespace = ns, Resource = resource, Name = name, Subresource = sub, Verb = verb };
    }
}
