using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Client;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Kubelet.StaticPods;

/// <summary>
/// Static pods from a manifests folder, run through mirror pods: each manifest becomes a pod named
/// <c>{name}-{node}</c> bound to this node with the <c>kubernetes.io/config.mirror</c> annotation (the manifest's
/// hash). A changed manifest replaces its mirror pod, a removed one deletes it, a deleted mirror pod comes back.
/// </summary>
public sealed class StaticPodSource(IApiClient api, string directory, string nodeName, TimeProvider time, ILogger log)
{
    public const string MirrorAnnotation = "kubernetes.io/config.mirror";
    public const string HashAnnotation = "kubernetes.io/config.hash";
    public const string SourceAnnotation = "kubernetes.io/config.source";
    public static readonly TimeSpan ScanInterval = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try { await SyncAsync(ct); }
                catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "syncing static pods failed"); }
                await Task.Delay(ScanInterval, time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    public async Task SyncAsync(CancellationToken ct)
    {
        var desired = new Dictionary<(string Ns, string Name), JsonObject>();
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal))
            {
                try
                {
                    var mirror = MirrorPod(ManifestReader.Read(await File.ReadAllTextAsync(file, ct)));
                    desired[(mirror["metadata"]!["namespace"]!.GetValue<string>(), mirror["metadata"]!["name"]!.GetValue<string>())] = mirror;
                }
                catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or YamlDotNet.Core.YamlException or InvalidOperationException)
                {
                    log.LogWarning("static pod manifest {File} is invalid: {Error}", file, e.Message);
                }
            }
        }

        var existing = await api.ListAsync(NodeAgentResources.Pods, null, new ListOptions { FieldSelector = "spec.nodeName=" + nodeName }, ct);
        var mirrors = existing.Items.Where(p => p["metadata"]?["annotations"]?[MirrorAnnotation] is not null).ToList();
        foreach (var pod in mirrors)
        {
            var key = (JsonMeta.Namespace(pod) ?? "", JsonMeta.Name(pod) ?? "");
            var stale = !desired.TryGetValue(key, out var want)
                || (string?)pod["metadata"]?["annotations"]?[MirrorAnnotation] != (string?)want["metadata"]?["annotations"]?[MirrorAnnotation];
            if (!stale || pod["metadata"]?["deletionTimestamp"] is not null) continue;
            try { await api.DeleteAsync(NodeAgentResources.Pods, key.Item1, key.Item2, new DeleteOptions { PreconditionUid = JsonMeta.Uid(pod) }, ct); }
            catch (StatusError e) when (e.Code is 404 or 409) { }
        }
        foreach (var ((ns, name), mirror) in desired)
        {
            if (mirrors.Any(p => JsonMeta.Namespace(p) == ns && JsonMeta.Name(p) == name)) continue;
            if (existing.Items.Any(p => JsonMeta.Namespace(p) == ns && JsonMeta.Name(p) == name)) continue;
            try { await api.CreateAsync(NodeAgentResources.Pods, ns, mirror, ct: ct); }
            catch (StatusError e) when (e.Code == 409) { }
            catch (StatusError e) when (e.Code == 404)
            {
                log.LogWarning("static pod {Name} waits for namespace {Namespace}", name, ns);
            }
        }
    }

    /// <summary>The API pod mirroring a manifest.</summary>
    public JsonObject MirrorPod(JsonObject manifest)
    {
        if ((string?)manifest["kind"] is { } kind && kind != "Pod") throw new InvalidDataException($"static pods must be of kind Pod, not {kind}");
        var pod = (JsonObject)manifest.DeepClone();
        var metadata = pod["metadata"] as JsonObject ?? throw new InvalidDataException("the manifest has no metadata");
        var name = (string?)metadata["name"] ?? throw new InvalidDataException("the manifest has no metadata.name");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToJsonString())))[..16];
        pod["apiVersion"] = "v1";
        pod["kind"] = "Pod";
        metadata["name"] = $"{name}-{nodeName}";
        metadata["namespace"] = (string?)metadata["namespace"] ?? "default";
        metadata.Remove("uid");
        metadata.Remove("resourceVersion");
        var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        annotations[MirrorAnnotation] = hash;
        annotations[HashAnnotation] = hash;
        annotations[SourceAnnotation] = "file";
        metadata["annotations"] = annotations;
        var spec = pod["spec"] as JsonObject ?? throw new InvalidDataException("the manifest has no spec");
        spec["nodeName"] = nodeName;
        pod.Remove("status");
        return pod;
    }
}
