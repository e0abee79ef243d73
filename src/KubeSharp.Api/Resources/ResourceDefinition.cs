namespace KubeSharp.Api.Resources;

/// <summary>Group, version and resource (plural name): how a URL names a collection.</summary>
public readonly record struct GroupVersionResource(string Group, string Version, string Resource)
{
    public override string ToString() => Group.Length == 0 ? $"{Version}/{Resource}" : $"{Group}/{Version}/{Resource}";
}

/// <summary>Group, version and kind: how a body names its type.</summary>
public readonly record struct GroupVersionKind(string Group, string Version, string Kind)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public static GroupVersionKind FromApiVersion(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/');
        return slash < 0 ? new("", apiVersion, kind) : new(apiVersion[..slash], apiVersion[(slash + 1)..], kind);
    }
}

/// <summary>Namespace and name: the key of a namespaced object (Namespace empty for cluster-scoped ones).</summary>
public readonly record struct NamespacedName(string Namespace, string Name)
{
    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";

    public static NamespacedName Parse(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? new("", key) : new(key[..slash], key[(slash + 1)..]);
    }
}

/// <summary>
/// Everything the API server needs to serve one resource: names for URLs and discovery, scope,
/// subresources, and the strategy that defaults and validates its objects.
/// </summary>
public sealed record ResourceDefinition
{
    public required string Group { get; init; }
    public required string Version { get; init; }
    public required string Kind { get; init; }
    /// <summary>Lower-case plural used in URLs, e.g. "deployments".</summary>
    public required string Plural { get; init; }
    public required string Singular { get; init; }
    public required bool Namespaced { get; init; }
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary>Served subresources: "status", "scale", "binding", "eviction", "log", "exec", "attach", "portforward", "proxy".</summary>
    public IReadOnlyList<string> Subresources { get; init; } = [];
    /// <summary>Verbs on the main resource; default is the full set.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = StandardVerbs;
    /// <summary>Field selector paths besides metadata.name and metadata.namespace, e.g. "spec.nodeName".</summary>
    public IReadOnlyList<string> FieldSelectors { get; init; } = [];
    /// <summary>Kind of the list, e.g. "DeploymentList".</summary>
    public string ListKind => Kind + "List";
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
    public GroupVersionResource Gvr => new(Group, Version, Plural);
    public GroupVersionKind Gvk => new(Group, Version, Kind);
    /// <summary>Group and resource, e.g. "deployments.apps", as upstream names them in messages.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
    public IResourceStrategy Strategy { get; init; } = DefaultStrategy.Instance;
    /// <summary>True for resources defined by a CustomResourceDefinition.</summary>
    public bool IsCustom { get; init; }
    /// <summary>Served but never stored (SelfSubjectAccessReview, TokenReview, …): create answers at once.</summary>
    public bool Virtual { get; init; }

    /// <summary>Where the scale subresource reads and writes replicas (dotted JSON paths).</summary>
    public ScalePaths? Scale { get; init; }

    public static readonly IReadOnlyList<string> StandardVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public bool HasSubresource(string name) => Subresources.Contains(name);
}

/// <summary>Paths of the scale subresource, as a CRD's subresources.scale declares them (built-ins use spec.replicas).</summary>
public sealed record ScalePaths(string SpecReplicasPath = ".spec.replicas", string StatusReplicasPath = ".status.replicas", string? LabelSelectorPath = null);
