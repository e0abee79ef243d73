using System.Text;
using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Kubelet.Env;

namespace KubeSharp.Node.Volumes;

/// <summary>The files of configMap, secret, downwardAPI and projected volumes, computed from the API objects.</summary>
public sealed class ProjectionBuilder(IObjectSource objects)
{
    public const int DefaultMode = 0x1A4; // 0644

    /// <summary>What a projected <c>serviceAccountToken</c> source writes until tokens are issued (the security work).</summary>
    public const string PlaceholderToken = "kubesharp-placeholder-token: service account tokens are not issued yet";

    /// <returns>The files, or null when the source is optional and missing.</returns>
    /// <exception cref="ArgumentException">A required object or key is missing.</exception>
    public async Task<Dictionary<string, FileProjection>?> ConfigMapAsync(string ns, string? name, IReadOnlyList<KeyToPath>? items, bool optional, int? defaultMode, CancellationToken ct)
    {
        var cm = await objects.ConfigMapAsync(ns, name ?? "", ct);
        if (cm is null) return optional ? null : throw new ArgumentException($"configmap \"{name}\" not found");
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (k, v) in cm.Data ?? []) data[k] = Encoding.UTF8.GetBytes(v);
        foreach (var (k, v) in cm.BinaryData ?? []) data[k] = v;
        return Project(data, items, optional, defaultMode, "configmap references non-existent config key");
    }

    public async Task<Dictionary<string, FileProjection>?> SecretAsync(string ns, string? name, IReadOnlyList<KeyToPath>? items, bool optional, int? defaultMode, CancellationToken ct)
    {
        var secret = await objects.SecretAsync(ns, name ?? "", ct);
        if (secret is null) return optional ? null : throw new ArgumentException($"secret \"{name}\" not found");
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (k, v) in secret.Data ?? []) data[k] = v;
        foreach (var (k, v) in secret.StringData ?? []) data[k] = Encoding.UTF8.GetBytes(v);
        return Project(data, items, optional, defaultMode, "secret references non-existent secret key");
    }

    public static Dictionary<string, FileProjection> DownwardApiFiles(Pod pod, IReadOnlyList<DownwardAPIVolumeFile>? items, int? defaultMode, PodRuntimeFacts facts)
    {
        var files = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        foreach (var item in items ?? [])
        {
            string value;
            if (item.FieldRef is { } field) value = DownwardApi.FieldValue(pod, field.FieldPath, facts, volume: true);
            else if (item.ResourceFieldRef is { } resource) value = DownwardApi.ResourceValue(pod, resource, resource.ContainerName ?? "", facts);
            else continue;
            files[item.Path] = new FileProjection(Encoding.UTF8.GetBytes(value), Mode(item.Mode ?? defaultMode));
        }
        return files;
    }

    public async Task<Dictionary<string, FileProjection>> ProjectedAsync(Pod pod, ProjectedVolumeSource source, PodRuntimeFacts facts, CancellationToken ct)
    {
        var ns = pod.Metadata.Namespace ?? "default";
        var files = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        void Merge(Dictionary<string, FileProjection>? more)
        {
            foreach (var (k, v) in more ?? []) files[k] = v;
        }
        foreach (var projection in source.Sources ?? [])
        {
            if (projection.ConfigMap is { } cm)
                Merge(await ConfigMapAsync(ns, cm.Name, cm.Items, cm.Optional == true, source.DefaultMode, ct));
            if (projection.Secret is { } secret)
                Merge(await SecretAsync(ns, secret.Name, secret.Items, secret.Optional == true, source.DefaultMode, ct));
            if (projection.DownwardAPI is { } downward)
                Merge(DownwardApiFiles(pod, downward.Items, source.DefaultMode, facts));
            if (projection.ServiceAccountToken is { } token)
                files[token.Path] = new FileProjection(Encoding.UTF8.GetBytes(PlaceholderToken), Mode(source.DefaultMode ?? 0x1A0));
        }
        return files;
    }

    static Dictionary<string, FileProjection> Project(Dictionary<string, byte[]> data, IReadOnlyList<KeyToPath>? items, bool optional, int? defaultMode, string missingKey)
    {
        var files = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        if (items is not { Count: > 0 })
        {
            foreach (var (k, v) in data) files[k] = new FileProjection(v, Mode(defaultMode));
            return files;
        }
        foreach (var item in items)
        {
            if (!data.TryGetValue(item.Key, out var value))
            {
                if (optional) continue;
                throw new ArgumentException($"{missingKey}: {item.Key}");
            }
            files[item.Path] = new FileProjection(value, Mode(item.Mode ?? defaultMode));
        }
        return files;
    }

    static UnixFileMode Mode(int? mode) => (UnixFileMode)((mode ?? DefaultMode) & 0xFFF);
}
