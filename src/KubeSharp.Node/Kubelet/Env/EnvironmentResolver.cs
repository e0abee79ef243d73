using System.Text;
using System.Text.RegularExpressions;
using KubeSharp.Api.Model.Core;
using RuntimeEnvVar = KubeSharp.Node.Runtime.EnvVar;

namespace KubeSharp.Node.Kubelet.Env;

/// <summary>
/// Computes a container's environment as the kubelet does: service variables (when service links are on),
/// then <c>envFrom</c> sources, then <c>env</c> in order, each value <c>$(VAR)</c>-expanded against what came before.
/// </summary>
public sealed partial class EnvironmentResolver(IObjectSource objects)
{
    /// <summary>The namespace whose <c>kubernetes</c> service every pod sees, whatever its own namespace.</summary>
    const string MasterNamespace = "default";

    /// <exception cref="ContainerConfigException">A required config map, secret or key is missing.</exception>
    public async Task<IReadOnlyList<RuntimeEnvVar>> ResolveAsync(Pod pod, Container container, PodRuntimeFacts facts, CancellationToken ct)
    {
        var ns = pod.Metadata.Namespace ?? "default";
        var serviceEnv = await ServiceVariablesAsync(pod, ns, ct);
        var env = new List<KeyValuePair<string, string>>();
        void Set(string name, string value)
        {
            var index = env.FindIndex(e => e.Key == name);
            if (index >= 0) env[index] = new(name, value);
            else env.Add(new(name, value));
        }
        string? Lookup(string name)
        {
            var index = env.FindLastIndex(e => e.Key == name);
            if (index >= 0) return env[index].Value;
            var service = serviceEnv.FindIndex(e => e.Key == name);
            return service >= 0 ? serviceEnv[service].Value : null;
        }

        foreach (var source in container.EnvFrom ?? [])
        {
            var prefix = source.Prefix ?? "";
            if (source.ConfigMapRef is { } cmRef)
            {
                var cm = await objects.ConfigMapAsync(ns, cmRef.Name ?? "", ct);
                if (cm is null)
                {
                    if (cmRef.Optional == true) continue;
                    throw new ContainerConfigException($"configmap \"{cmRef.Name}\" not found");
                }
                foreach (var (key, value) in (cm.Data ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
                    if (IsEnvName(prefix + key)) Set(prefix + key, value);
            }
            if (source.SecretRef is { } secretRef)
            {
                var secret = await objects.SecretAsync(ns, secretRef.Name ?? "", ct);
                if (secret is null)
                {
                    if (secretRef.Optional == true) continue;
                    throw new ContainerConfigException($"secret \"{secretRef.Name}\" not found");
                }
                foreach (var (key, value) in SecretData(secret).OrderBy(p => p.Key, StringComparer.Ordinal))
                    if (IsEnvName(prefix + key)) Set(prefix + key, value);
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            if (variable.ValueFrom is null)
            {
                Set(variable.Name, VarExpansion.Expand(variable.Value ?? "", Lookup));
                continue;
            }
            var value = await ValueFromAsync(pod, container, ns, variable.ValueFrom, facts, ct);
            if (value is not null) Set(variable.Name, value);
        }

        foreach (var (name, value) in serviceEnv)
            if (!env.Exists(e => e.Key == name)) env.Add(new(name, value));
        return env.Select(e => new RuntimeEnvVar(e.Key, e.Value)).ToList();
    }

    /// <summary>Command and args expand against the final environment.</summary>
    public static IReadOnlyList<string>? ExpandAll(IReadOnlyList<string>? values, IReadOnlyList<RuntimeEnvVar> env)
    {
        if (values is null) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in env) map[e.Name] = e.Value;
        return values.Select(v => VarExpansion.Expand(v, n => map.GetValueOrDefault(n))).ToList();
    }

    async Task<string?> ValueFromAsync(Pod pod, Container container, string ns, EnvVarSource source, PodRuntimeFacts facts, CancellationToken ct)
    {
        if (source.FieldRef is { } field)
        {
            try { return DownwardApi.FieldValue(pod, field.FieldPath, facts); }
            catch (ArgumentException e) { throw new ContainerConfigException(e.Message); }
        }
        if (source.ResourceFieldRef is { } resource)
        {
            try { return DownwardApi.ResourceValue(pod, resource, container.Name, facts); }
            catch (ArgumentException e) { throw new ContainerConfigException(e.Message); }
        }
        if (source.ConfigMapKeyRef is { } cmKey)
        {
            var cm = await objects.ConfigMapAsync(ns, cmKey.Name ?? "", ct);
            if (cm is null)
                return cmKey.Optional == true ? null : throw new ContainerConfigException($"configmap \"{cmKey.Name}\" not found");
            if (cm.Data?.TryGetValue(cmKey.Key, out var value) == true) return value;
            if (cm.BinaryData?.TryGetValue(cmKey.Key, out var bytes) == true) return Encoding.UTF8.GetString(bytes);
            return cmKey.Optional == true ? null : throw new ContainerConfigException($"couldn't find key {cmKey.Key} in ConfigMap {ns}/{cmKey.Name}");
        }
        if (source.SecretKeyRef is { } secretKey)
        {
            var secret = await objects.SecretAsync(ns, secretKey.Name ?? "", ct);
            if (secret is null)
                return secretKey.Optional == true ? null : throw new ContainerConfigException($"secret \"{secretKey.Name}\" not found");
            if (SecretData(secret).TryGetValue(secretKey.Key, out var value)) return value;
            return secretKey.Optional == true ? null : throw new ContainerConfigException($"couldn't find key {secretKey.Key} in Secret {ns}/{secretKey.Name}");
        }
        return null;
    }

    async Task<List<KeyValuePair<string, string>>> ServiceVariablesAsync(Pod pod, string ns, CancellationToken ct)
    {
        var services = new List<Service>();
        if (pod.Spec?.EnableServiceLinks != false) services.AddRange(await objects.ServicesAsync(ns, ct));
        if (ns != MasterNamespace || pod.Spec?.EnableServiceLinks == false)
            services.AddRange((await objects.ServicesAsync(MasterNamespace, ct)).Where(s => s.Metadata.Name == "kubernetes"));
        return ServiceEnv.For(services.DistinctBy(s => (s.Metadata.Namespace, s.Metadata.Name))).ToList();
    }

    static Dictionary<string, string> SecretData(Secret secret)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in secret.Data ?? []) data[k] = Encoding.UTF8.GetString(v);
        foreach (var (k, v) in secret.StringData ?? []) data[k] = v;
        return data;
    }

    static bool IsEnvName(string name) => EnvNamePattern().IsMatch(name);

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvNamePattern();
}
