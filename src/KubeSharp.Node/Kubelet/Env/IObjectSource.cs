using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Resources;
using KubeSharp.Client;

namespace KubeSharp.Node.Kubelet.Env;

/// <summary>The API objects pods refer to (config maps, secrets, services), read when a container starts or a volume refreshes.</summary>
public interface IObjectSource
{
    Task<ConfigMap?> ConfigMapAsync(string ns, string name, CancellationToken ct);
    Task<Secret?> SecretAsync(string ns, string name, CancellationToken ct);
    Task<IReadOnlyList<Service>> ServicesAsync(string ns, CancellationToken ct);
}

/// <summary>Reads straight from the API (the loopback client makes this cheap; a remote agent would cache with watches).</summary>
public sealed class ApiObjectSource(IApiClient api) : IObjectSource
{
    static readonly GroupVersionResource ConfigMaps = new("", "v1", "configmaps");
    static readonly GroupVersionResource Secrets = new("", "v1", "secrets");
    static readonly GroupVersionResource Services = new("", "v1", "services");

    public async Task<ConfigMap?> ConfigMapAsync(string ns, string name, CancellationToken ct)
    {
        try { return KubeJson.Deserialize<ConfigMap>(await api.GetAsync(ConfigMaps, ns, name, ct: ct)); }
        catch (StatusError e) when (e.Code == 404) { return null; }
    }

    public async Task<Secret?> SecretAsync(string ns, string name, CancellationToken ct)
    {
        try { return KubeJson.Deserialize<Secret>(await api.GetAsync(Secrets, ns, name, ct: ct)); }
        catch (StatusError e) when (e.Code == 404) { return null; }
    }

    public async Task<IReadOnlyList<Service>> ServicesAsync(string ns, CancellationToken ct)
    {
        var list = await api.ListAsync(Services, ns, ct: ct);
        return list.Items.Select(i => KubeJson.Deserialize<Service>(i)!).ToList();
    }
}
