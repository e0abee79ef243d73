using KubeSharp.Bench.Http;

namespace KubeSharp.Bench.Workloads;

/// <summary>What the workloads share: the server, the counts, the names they create and what they learnt.</summary>
public sealed class BenchContext(ApiHttpClientFactory clients, ConfigMapApi api, BenchOptions options, string prefix, TextWriter log)
{
    public ApiHttpClientFactory Clients => clients;
    public ConfigMapApi Api => api;
    public BenchOptions Options => options;
    public BenchScale Scale => options.Scale;
    public TextWriter Log => log;

    /// <summary>Targets are stated for the full counts; a small run is a smoke test and is not judged.</summary>
    public bool Judged => options.Scale.IsFull;

    public string Namespace(int index) => $"{prefix}-{index}";
    public string WatchNamespace => $"{prefix}-watch";
    public IEnumerable<string> AllNamespaces => Enumerable.Range(0, Scale.Namespaces).Select(Namespace).Append(WatchNamespace);

    /// <summary>ConfigMap <paramref name="index"/> of the create workload: namespaces are filled one after the other.</summary>
    public (string Namespace, string Name) ConfigMap(int index) =>
        (Namespace(index / Scale.ConfigMapsPerNamespace), $"cm-{index % Scale.ConfigMapsPerNamespace:D5}");

    /// <summary>The last resourceVersion seen for each ConfigMap of the create workload, for updates.</summary>
    public string?[] ResourceVersions { get; } = new string?[options.Scale.ConfigMaps];
}
