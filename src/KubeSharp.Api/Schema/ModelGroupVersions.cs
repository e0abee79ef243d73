using System.Reflection;
using System.Text.RegularExpressions;
using KubeSharp.Api.Model;

namespace KubeSharp.Api.Schema;

/// <summary>
/// Decides which API group and version a model type belongs to, for its definition name: a type with
/// <see cref="KindAttribute"/> says so itself; any other type shares the group-version of the kinds in its
/// C# namespace (PodSpec sits beside Pod). Types of the root model namespace are meta.k8s.io/v1.
/// </summary>
internal sealed partial class ModelGroupVersions
{
    const string MetaGroup = "meta.k8s.io";
    const string RootNamespace = "KubeSharp.Api.Model";

    readonly Dictionary<string, List<(string Group, string Version)>> _byNamespace = new(StringComparer.Ordinal);

    public ModelGroupVersions(IEnumerable<Type> kindTypes)
    {
        foreach (var t in kindTypes)
        {
            if (t.GetCustomAttribute<KindAttribute>(inherit: false) is not { } kind || t.Namespace is null) continue;
            if (!_byNamespace.TryGetValue(t.Namespace, out var list)) _byNamespace[t.Namespace] = list = [];
            if (!list.Contains((kind.Group, kind.Version))) list.Add((kind.Group, kind.Version));
        }
    }

    public (string Group, string Version) For(Type t)
    {
        if (t.GetCustomAttribute<KindAttribute>(inherit: false) is { } kind) return (kind.Group, kind.Version);
        var ns = t.Namespace ?? "";
        if (ns == RootNamespace || ns.EndsWith(".Meta", StringComparison.Ordinal)) return (MetaGroup, "v1");

        var segments = ns.Split('.');
        var last = segments[^1];
        var versionSegment = VersionPattern().IsMatch(last) ? last.ToLowerInvariant() : null;
        if (_byNamespace.TryGetValue(ns, out var candidates))
        {
            var pick = candidates.FirstOrDefault(c => c.Version == versionSegment);
            if (pick != default) return pick;
            return candidates.OrderBy(c => c.Version == "v1" ? 0 : 1).ThenBy(c => c.Version, StringComparer.Ordinal).First();
        }

        // No kind lives here: guess from the namespace, "…Apps" → apps/v1, "…Core" → core/v1.
        var groupSegment = versionSegment is not null && segments.Length > 1 ? segments[^2] : last;
        var group = groupSegment.Equals("Core", StringComparison.OrdinalIgnoreCase) ? "" : groupSegment.ToLowerInvariant();
        return (group, versionSegment ?? "v1");
    }

    [GeneratedRegex("^[Vv][0-9]+((alpha|beta)[0-9]+)?$")]
    private static partial Regex VersionPattern();
}
