using System.Net;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Validation;
using KubeSharp.ApiServer.Registry;

namespace KubeSharp.ApiServer.Admission;

/// <summary>
/// Allocates a Service's cluster IP from the service CIDR and node ports from the node-port range, as
/// upstream's service REST storage does; keeps them on update; rejects addresses already in use.
/// </summary>
public sealed class ServiceAllocation : IAdmissionPlugin
{
    readonly RegistryContext _registry;
    readonly uint _base;
    readonly uint _size;
    readonly int _portMin, _portMax;
    readonly SemaphoreSlim _gate = new(1, 1);

    public ServiceAllocation(RegistryContext registry, string serviceCidr, string nodePortRange)
    {
        _registry = registry;
        var slash = serviceCidr.IndexOf('/');
        var bytes = IPAddress.Parse(serviceCidr[..slash]).GetAddressBytes();
        var prefix = int.Parse(serviceCidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        _base = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        _size = prefix >= 32 ? 1u : 1u << (32 - prefix);
        var dash = nodePortRange.IndexOf('-');
        _portMin = int.Parse(nodePortRange[..dash], System.Globalization.CultureInfo.InvariantCulture);
        _portMax = int.Parse(nodePortRange[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The first address of the range (10.43.0.1) belongs to the "kubernetes" service, as upstream.</summary>
    public string KubernetesServiceIp => ToIp(_base + 1);

    /// <summary>The tenth address (10.43.0.10) is the cluster DNS service's, as k3s reserves it.</summary>
    public string DnsServiceIp => ToIp(_base + 10);

    public async ValueTask AdmitAsync(AdmissionRequest request, CancellationToken ct)
    {
        if (request.Resource.Kind != "Service" || request.Resource.Group.Length != 0 || request.Subresource is not null) return;
        var spec = request.Object["spec"] as JsonObject;
        if (spec is null) return;
        var type = JsonMeta.Str(spec["type"]) ?? "ClusterIP";
        var oldSpec = request.OldObject?["spec"] as JsonObject;

        await _gate.WaitAsync(ct);
        try
        {
            var services = await _registry.StoreFor("", "v1", "services").ListAsync(null, new ListParams(), ct);
            var self = (request.Namespace, request.Name);
            var usedIps = new HashSet<string>();
            var usedPorts = new HashSet<int>();
            foreach (var s in services.Items)
            {
                if ((s.Namespace, s.Name) == self) continue;
                if (JsonMeta.Str(s.Object["spec"]?["clusterIP"]) is { } ip) usedIps.Add(ip);
                if (s.Object["spec"]?["ports"] is JsonArray ports)
                    foreach (var port in ports) if (port?["nodePort"] is JsonValue v && v.TryGetValue<int>(out var np)) usedPorts.Add(np);
            }

            if (type == "ExternalName")
            {
                spec.Remove("clusterIP");
                spec.Remove("clusterIPs");
            }
            else
            {
                var ip = JsonMeta.Str(spec["clusterIP"]);
                var oldIp = JsonMeta.Str(oldSpec?["clusterIP"]);
                if (string.IsNullOrEmpty(ip) && oldIp is not null) ip = oldIp;
                if (string.IsNullOrEmpty(ip))
                {
                    ip = Allocate(usedIps, request.Name == "kubernetes" && request.Namespace == "default") ?? throw StatusError.Internal("failed to allocate a serviceIP: range is full");
                }
                else if (ip != "None" && ip != oldIp)
                {
                    if (!InRange(ip))
                        throw StatusError.Invalid("", "Service", request.Name ?? "", [FieldError.Invalid("spec.clusterIPs", ip, $"failed to allocate IP {ip}: provided IP is not in the valid range. The range of valid IPs is {ToIp(_base)}/{32 - (int)Math.Log2(_size)}")]);
                    if (usedIps.Contains(ip))
                        throw StatusError.Invalid("", "Service", request.Name ?? "", [FieldError.Invalid("spec.clusterIPs", ip, $"failed to allocate IP {ip}: provided IP is already allocated")]);
                }
                spec["clusterIP"] = ip;
                spec["clusterIPs"] = new JsonArray(ip);
            }

            if (type is "NodePort" or "LoadBalancer" && spec["ports"] is JsonArray specPorts)
            {
                var oldPorts = (oldSpec?["ports"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
                foreach (var port in specPorts.OfType<JsonObject>())
                {
                    var wanted = port["nodePort"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
                    if (wanted == 0)
                    {
                        // Keep the port this service already had for the same port number.
                        var old = oldPorts.FirstOrDefault(o => o["port"]?.ToJsonString() == port["port"]?.ToJsonString() && o["nodePort"] is not null);
                        wanted = old?["nodePort"]?.GetValue<int>() ?? 0;
                    }
                    if (wanted == 0)
                    {
                        wanted = AllocatePort(usedPorts) ?? throw StatusError.Internal("failed to allocate a nodePort: range is full");
                    }
                    else if (wanted < _portMin || wanted > _portMax)
                        throw StatusError.Invalid("", "Service", request.Name ?? "", [FieldError.Invalid("spec.ports[0].nodePort", wanted, $"provided port is not in the valid range. The range of valid ports is {_portMin}-{_portMax}")]);
                    else if (usedPorts.Contains(wanted) && !oldPorts.Any(o => o["nodePort"]?.GetValue<int>() == wanted))
                        throw StatusError.Invalid("", "Service", request.Name ?? "", [FieldError.Invalid("spec.ports[0].nodePort", wanted, "provided port is already allocated")]);
                    usedPorts.Add(wanted);
                    port["nodePort"] = wanted;
                }
            }
            else if (spec["ports"] is JsonArray clusterPorts)
            {
                foreach (var port in clusterPorts.OfType<JsonObject>()) port.Remove("nodePort");
            }
        }
        finally { _gate.Release(); }
    }

    string? Allocate(HashSet<string> used, bool kubernetesService)
    {
        if (kubernetesService && !used.Contains(KubernetesServiceIp)) return KubernetesServiceIp;
        // Start after the reserved low addresses so the well-known ones (.1 API, .10 DNS) stay free.
        var start = (uint)Random.Shared.NextInt64(16, Math.Max(17, _size - 1));
        for (uint i = 0; i < _size - 2; i++)
        {
            var offset = 16 + (start - 16 + i) % Math.Max(1, _size - 17);
            var ip = ToIp(_base + offset);
            if (!used.Contains(ip)) return ip;
        }
        return null;
    }

    int? AllocatePort(HashSet<int> used)
    {
        var span = _portMax - _portMin + 1;
        var start = Random.Shared.Next(span);
        for (var i = 0; i < span; i++)
        {
            var p = _portMin + (start + i) % span;
            if (!used.Contains(p)) return p;
        }
        return null;
    }

    bool InRange(string ip)
    {
        if (!IPAddress.TryParse(ip, out var addr) || addr.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return false;
        var b = addr.GetAddressBytes();
        var v = (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
        return v > _base && v < _base + _size - 1;
    }

    static string ToIp(uint v) => $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}";
}
