namespace KubeSharp.Bench;

/// <summary>The counts of every workload; <see cref="Small"/> is a tenth of <see cref="Full"/>.</summary>
public sealed record BenchScale(
    string Name,
    int Namespaces,
    int ConfigMapsPerNamespace,
    int Gets,
    int Updates,
    int NamespaceListRepeats,
    int ClusterListRepeats,
    int Watchers,
    int WatchEvents)
{
    public int ConfigMaps => Namespaces * ConfigMapsPerNamespace;

    /// <summary>The counts the targets are stated for.</summary>
    public static readonly BenchScale Full = new("full", 5, 2_000, 20_000, 5_000, 20, 10, 100, 1_000);

    /// <summary>Repeats of the lists stay as they are: they are few already, and percentiles need them.</summary>
    public static readonly BenchScale Small = new("small", 5, 200, 2_000, 500, 20, 10, 10, 100);

    public bool IsFull => Name == Full.Name;

    public static BenchScale Named(string name) => name switch
    {
        "full" => Full,
        "small" => Small,
        _ => throw new ArgumentException($"--scale must be full or small, not {name}"),
    };
}
