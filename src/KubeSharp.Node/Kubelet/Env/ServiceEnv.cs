using System.Globalization;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Node.Kubelet.Env;

/// <summary>The Docker-links style variables describing services (<c>WEB_SERVICE_HOST</c>, <c>WEB_PORT_80_TCP</c>…).</summary>
public static class ServiceEnv
{
    public static IReadOnlyList<KeyValuePair<string, string>> For(IEnumerable<Service> services)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var service in services.OrderBy(s => s.Metadata.Name, StringComparer.Ordinal))
        {
            var ip = service.Spec?.ClusterIP;
            if (string.IsNullOrEmpty(ip) || ip == "None" || service.Spec?.Ports is not { Count: > 0 } ports) continue;
            var prefix = Name(service.Metadata.Name ?? "");
            void Add(string name, string value) => result.Add(new(name, value));
            var first = ports[0];
            Add(prefix + "_SERVICE_HOST", ip);
            Add(prefix + "_SERVICE_PORT", Port(first));
            foreach (var port in ports.Where(p => !string.IsNullOrEmpty(p.Name)))
                Add(prefix + "_SERVICE_PORT_" + Name(port.Name!), Port(port));
            var firstProtocol = (first.Protocol ?? "TCP").ToLowerInvariant();
            Add(prefix + "_PORT", $"{firstProtocol}://{ip}:{Port(first)}");
            foreach (var port in ports)
            {
                var protocol = port.Protocol ?? "TCP";
                var stem = $"{prefix}_PORT_{Port(port)}_{protocol.ToUpperInvariant()}";
                Add(stem, $"{protocol.ToLowerInvariant()}://{ip}:{Port(port)}");
                Add(stem + "_PROTO", protocol.ToLowerInvariant());
                Add(stem + "_PORT", Port(port));
                Add(stem + "_ADDR", ip);
            }
        }
        return result;
    }

    static string Port(ServicePort port) => (port.Port ?? 0).ToString(CultureInfo.InvariantCulture);

    static string Name(string name) => name.ToUpperInvariant().Replace('-', '_');
}
