using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Strategies;

namespace KubeSharp.Node.Kubelet.StaticPods;

/// <summary>
/// Turns a manifest into the static pod the agent runs, as upstream's file source does (<c>applyDefaults</c>): the name
/// gets the node's name appended, the namespace defaults to <c>default</c>, the pod is bound to this node, defaulted and
/// validated like an API pod, and its uid is a hash of the manifest, the node and the file, so an unchanged file is the
/// same pod across agent restarts and a changed one is a new pod. <c>kubernetes.io/config.hash</c> carries that uid.
/// </summary>
public sealed class StaticPodFactory(string nodeName, TimeProvider time)
{
    public const string MirrorAnnotation = "kubernetes.io/config.mirror";
    public const string HashAnnotation = "kubernetes.io/config.hash";
    public const string SourceAnnotation = "kubernetes.io/config.source";
    public const string SeenAnnotation = "kubernetes.io/config.seen";
    public const string FileSource = "file";

    static readonly PodStrategy Strategy = new();

    // When each pod version was first read (config.seen), so re-reading an unchanged file does not change the pod.
    readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>A pod the agent runs from a manifest file (not a mirror pod, which only reflects one in the API).</summary>
    public static bool IsStatic(Pod pod) =>
        pod.Metadata.Annotations is { } a && a.GetValueOrDefault(SourceAnnotation) == FileSource && !a.ContainsKey(MirrorAnnotation);

    public static bool IsMirror(JsonObject pod) => pod["metadata"]?["annotations"]?[MirrorAnnotation] is not null;

    /// <exception cref="InvalidDataException">The manifest is not a valid pod.</exception>
    public Pod Create(JsonObject manifest, string file)
    {
        if ((string?)manifest["kind"] is { } kind && kind != "Pod") throw new InvalidDataException($"static pods must be of kind Pod, not {kind}");
        if (manifest["apiVersion"] is { } version && (string?)version != "v1") throw new InvalidDataException($"static pods must be of apiVersion v1, not {version}");
        var pod = (JsonObject)manifest.DeepClone();
        var metadata = pod["metadata"] as JsonObject ?? throw new InvalidDataException("the manifest has no metadata");
        var name = (string?)metadata["name"];
        if (string.IsNullOrEmpty(name)) throw new InvalidDataException("the manifest has no metadata.name");
        if (pod["spec"] is not JsonObject spec) throw new InvalidDataException("the manifest has no spec");
        pod["apiVersion"] = "v1";
        pod["kind"] = "Pod";
        pod.Remove("status");
        metadata["name"] = $"{name}-{nodeName.ToLowerInvariant()}";
        if (string.IsNullOrEmpty((string?)metadata["namespace"])) metadata["namespace"] = "default";
        foreach (var field in (ReadOnlySpan<string>)["uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "generation", "managedFields"])
            metadata.Remove(field);
        spec["nodeName"] = nodeName;
        Strategy.Default(pod);
        var errors = Strategy.ValidateCreate(pod);
        if (errors.Count > 0)
            throw new InvalidDataException("invalid pod: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Reason} {e.Detail}".TrimEnd())));

        var uid = Hash(pod, file);
        metadata["uid"] = uid;
        var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        annotations.Remove(MirrorAnnotation);
        annotations[HashAnnotation] = uid;
        annotations[SourceAnnotation] = FileSource;
        if (!_seen.TryGetValue(uid, out var seen)) _seen[uid] = seen = time.GetUtcNow();
        annotations[SeenAnnotation] = seen.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
        metadata["annotations"] = annotations;
        metadata["creationTimestamp"] = KubeJson.FormatTime(seen);
        return KubeJson.Deserialize<Pod>(pod) ?? throw new InvalidDataException("the manifest is not a pod");
    }

    /// <summary>Forgets first-seen times of pods no longer read, so the map does not grow with every edit.</summary>
    public void Retain(IEnumerable<string> uids)
    {
        var keep = uids.ToHashSet(StringComparer.Ordinal);
        foreach (var uid in _seen.Keys.Where(u => !keep.Contains(u)).ToList()) _seen.Remove(uid);
    }

    // Upstream hashes the defaulted pod, then "host:<node>" and "file:<path>", into 32 hex digits (md5); the same inputs
    // go through SHA-256 here, cut to the same length.
    string Hash(JsonObject pod, string file)
    {
        var text = pod.ToJsonString() + "host:" + nodeName + "file:" + file;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
