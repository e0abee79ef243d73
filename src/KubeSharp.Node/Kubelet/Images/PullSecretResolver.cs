using System.Text;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Node.Images.Registry;
using KubeSharp.Node.Kubelet.Pods;

namespace KubeSharp.Node.Kubelet.Images;

/// <summary>
/// The registry logins a pod may pull with: the docker config secrets named by <c>spec.imagePullSecrets</c>, or, when the
/// pod names none, those of its ServiceAccount (upstream's ServiceAccount admission copies them onto the pod; kubesharp
/// has no such admission, so the node resolves them at pull time with the same rule).
/// </summary>
public sealed class PullSecretResolver(IApiClient api)
{
    public const string DockerConfigJsonType = "kubernetes.io/dockerconfigjson";
    public const string DockerConfigJsonKey = ".dockerconfigjson";
    public const string DockerCfgType = "kubernetes.io/dockercfg";
    public const string DockerCfgKey = ".dockercfg";

    static readonly GroupVersionResource Secrets = new("", "v1", "secrets");
    static readonly GroupVersionResource ServiceAccounts = new("", "v1", "serviceaccounts");

    /// <summary>Reads the pod's pull secrets; missing ones are reported with upstream's event and skipped.</summary>
    /// <exception cref="FormatException">A pull secret's docker config is malformed (upstream fails the pull then).</exception>
    public async Task<DockerConfigKeyring> KeyringAsync(Pod pod, PodEvents events, CancellationToken ct)
    {
        var ns = pod.Metadata.Namespace ?? "default";
        var names = await SecretNamesAsync(pod, ns, ct);
        var keyrings = new List<DockerConfigKeyring>();
        var failed = new List<string>();
        foreach (var name in names)
        {
            Secret? secret;
            try { secret = KubeJson.Deserialize<Secret>(await api.GetAsync(Secrets, ns, name, ct: ct)); }
            catch (StatusError e) when (e.Code is 404 or 403) { secret = null; }
            if (secret is null)
            {
                failed.Add(name);
                continue;
            }
            if (Parse(secret) is { } keyring) keyrings.Add(keyring);
        }
        if (failed.Count > 0)
            events.PodWarning("FailedToRetrieveImagePullSecret",
                $"Unable to retrieve some image pull secrets ({string.Join(", ", failed)}); attempting to pull the image may not succeed.");
        return DockerConfigKeyring.Combine(keyrings);
    }

    async Task<IReadOnlyList<string>> SecretNamesAsync(Pod pod, string ns, CancellationToken ct)
    {
        var own = (pod.Spec?.ImagePullSecrets ?? []).Select(r => r.Name ?? "").Where(n => n.Length > 0).Distinct().ToList();
        if (own.Count > 0) return own;
        var account = string.IsNullOrEmpty(pod.Spec?.ServiceAccountName) ? "default" : pod.Spec!.ServiceAccountName!;
        try
        {
            var sa = KubeJson.Deserialize<ServiceAccount>(await api.GetAsync(ServiceAccounts, ns, account, ct: ct));
            return (sa?.ImagePullSecrets ?? []).Select(r => r.Name ?? "").Where(n => n.Length > 0).Distinct().ToList();
        }
        catch (StatusError e) when (e.Code is 404 or 403)
        {
            return [];
        }
    }

    /// <summary>Only the two docker config types count, each by its own key, as upstream's MakeDockerKeyring reads them.</summary>
    public static DockerConfigKeyring? Parse(Secret secret)
    {
        var key = secret.Type switch
        {
            DockerConfigJsonType => DockerConfigJsonKey,
            DockerCfgType => DockerCfgKey,
            _ => null,
        };
        if (key is null || secret.Data?.GetValueOrDefault(key) is not { Length: > 0 } bytes) return null;
        try
        {
            return DockerConfigKeyring.Parse(Encoding.UTF8.GetString(bytes));
        }
        catch (FormatException e)
        {
            throw new FormatException($"image pull secret \"{secret.Metadata.Name}\": {e.Message}", e);
        }
    }
}
