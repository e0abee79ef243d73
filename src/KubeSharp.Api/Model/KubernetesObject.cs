namespace KubeSharp.Api.Model;

/// <summary>Every top-level API object: type metadata plus object metadata (proto field 1 in every kind).</summary>
public abstract record KubernetesObject
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    [Proto(1)] public ObjectMeta Metadata { get; init; } = new();
}

/// <summary>Every list: type metadata plus list metadata; Items are typed by the concrete list.</summary>
public abstract record KubernetesList<T> where T : KubernetesObject
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    [Proto(1)] public ListMeta Metadata { get; init; } = new();
    [Proto(2)] public List<T> Items { get; init; } = [];
}
