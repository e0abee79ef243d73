using System.Net;
using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>
/// core/v1 Services: defaults and validation. Allocating cluster IPs and node ports is the API server's;
/// an update that omits them keeps the allocated values, as upstream's REST layer does.
/// </summary>
public sealed class ServiceStrategy() : BuiltInStrategy(hasStatus: true)
{
    public const int NodePortMin = 30000;
    public const int NodePortMax = 32767;
    static readonly IReadOnlyList<string> Types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(obj, old);
        var spec = Spec(obj);
        var oldSpec = Json.Obj(old, "spec");
        DropTypeDependentFields(spec, oldSpec);
        if (Json.Str(spec, "type") == "ExternalName" || Json.Str(oldSpec, "type") == "ExternalName") return;
        if (string.IsNullOrEmpty(Json.Str(spec, "clusterIP")) && Json.Str(oldSpec, "clusterIP") is { Length: > 0 } ip)
        {
            spec["clusterIP"] = ip;
            if (Json.IsEmpty(spec["clusterIPs"]) && oldSpec?["clusterIPs"] is { } ips) spec["clusterIPs"] = ips.DeepClone();
        }
        if (Json.Str(spec, "type") is "NodePort" or "LoadBalancer")
        {
            foreach (var (_, port) in Json.Items(spec["ports"]))
            {
                if ((Json.Int(port, "nodePort") ?? 0) != 0) continue;
                var match = Json.Items(oldSpec?["ports"]).FirstOrDefault(o =>
                    Json.Int(o.Item, "port") == Json.Int(port, "port") && Json.Str(o.Item, "protocol") == Json.Str(port, "protocol")).Item;
                if (match?["nodePort"] is { } np) port["nodePort"] = np.DeepClone();
            }
        }
    }

    /// <summary>
    /// A type change releases what the old type had allocated, when the client merely carried it along
    /// (a value the client changed is left for validation to judge).
    /// </summary>
    static void DropTypeDependentFields(JsonObject spec, JsonObject? oldSpec)
    {
        var type = Json.Str(spec, "type");
        var oldType = Json.Str(oldSpec, "type");
        if (type == oldType) return;
        if (type == "ExternalName" && Json.Same(spec["clusterIP"], oldSpec?["clusterIP"]))
        {
            foreach (var f in new[] { "clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy", "internalTrafficPolicy" }) spec.Remove(f);
        }
        if (type is not ("NodePort" or "LoadBalancer"))
        {
            foreach (var (_, port) in Json.Items(spec["ports"]))
            {
                var old = Json.Items(oldSpec?["ports"]).FirstOrDefault(o => Json.Int(o.Item, "port") == Json.Int(port, "port")).Item;
                if (port["nodePort"] is not null && Json.Same(port["nodePort"], old?["nodePort"])) port.Remove("nodePort");
            }
            if (Json.Same(spec["externalTrafficPolicy"], oldSpec?["externalTrafficPolicy"])) spec.Remove("externalTrafficPolicy");
        }
        if (type != "LoadBalancer")
        {
            foreach (var f in new[] { "healthCheckNodePort", "allocateLoadBalancerNodePorts", "loadBalancerClass" })
                if (Json.Same(spec[f], oldSpec?[f])) spec.Remove(f);
        }
    }

    public override void Default(JsonObject obj)
    {
        var spec = Spec(obj);
        Json.Default(spec, "sessionAffinity", "None");
        if (Json.Str(spec, "sessionAffinity") == "ClientIP")
        {
            var clientIP = Json.Ensure(Json.Ensure(spec, "sessionAffinityConfig"), "clientIP");
            Json.Default(clientIP, "timeoutSeconds", 10800);
        }
        Json.Default(spec, "type", "ClusterIP");
        var type = Json.Str(spec, "type");
        foreach (var (_, port) in Json.Items(spec["ports"]))
        {
            Json.Default(port, "protocol", "TCP");
            var target = port["targetPort"];
            if ((target is null || (Json.IsInt(target) && Json.Int(target) == 0) || Json.Str(target) == "") && port["port"] is { } p)
                port["targetPort"] = p.DeepClone();
        }
        if (type is "NodePort" or "LoadBalancer") Json.Default(spec, "externalTrafficPolicy", "Cluster");
        if (type is "NodePort" or "LoadBalancer" or "ClusterIP") Json.Default(spec, "internalTrafficPolicy", "Cluster");
        if (type == "LoadBalancer") Json.Default(spec, "allocateLoadBalancerNodePorts", true);
        if (type != "ExternalName")
        {
            Json.Default(spec, "ipFamilyPolicy", "SingleStack");
            if (Json.IsEmpty(spec["ipFamilies"])) spec["ipFamilies"] = new JsonArray("IPv4");
        }
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var spec = Json.Obj(obj, "spec");
        var type = Json.Str(spec, "type");
        errs.AddRange(FieldChecks.OneOf(type, "spec.type", Types, required: true));
        var clusterIP = Json.Str(spec, "clusterIP") ?? "";
        var headless = clusterIP == "None";
        var ports = Json.Arr(spec, "ports");
        if ((ports is null || ports.Count == 0) && type != "ExternalName" && !headless)
            errs.Add(FieldError.Required("spec.ports"));
        if (type == "ExternalName")
        {
            var externalName = (Json.Str(spec, "externalName") ?? "").TrimEnd('.');
            if (externalName.Length == 0) errs.Add(FieldError.Required("spec.externalName"));
            else foreach (var m in NameValidation.IsDNS1123Subdomain(externalName)) errs.Add(FieldError.Invalid("spec.externalName", Json.Str(spec, "externalName"), m));
            if (clusterIP.Length > 0) errs.Add(FieldError.Forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
        }
        else if (clusterIP.Length > 0 && !headless && !IPAddress.TryParse(clusterIP, out _))
            errs.Add(FieldError.Invalid("spec.clusterIPs[0]", clusterIP, "must be a valid IP address (e.g. 10.9.8.7 or 2001:db8::ffff)"));
        if (headless && type is "NodePort" or "LoadBalancer")
            errs.Add(FieldError.Invalid("spec.clusterIPs[0]", clusterIP, $"may not be set to 'None' for {type} services"));

        errs.AddRange(ValidatePorts(ports, type, Json.Items(ports).Count()));
        errs.AddRange(NameValidation.ValidateLabels(Json.StringMap(spec?["selector"]), "spec.selector"));
        errs.AddRange(FieldChecks.OneOf(Json.Str(spec, "sessionAffinity"), "spec.sessionAffinity", ["ClientIP", "None"], required: true));
        if (Json.Int(spec, "sessionAffinityConfig", "clientIP", "timeoutSeconds") is { } timeout and (<= 0 or > 86400))
            errs.Add(FieldError.Invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout, "must be greater than 0 and less than 86400"));
        var etp = Json.Str(spec, "externalTrafficPolicy");
        if (!string.IsNullOrEmpty(etp) && type is not ("NodePort" or "LoadBalancer"))
            errs.Add(FieldError.Invalid("spec.externalTrafficPolicy", etp, "may only be set when `type` is 'NodePort' or 'LoadBalancer'"));
        errs.AddRange(FieldChecks.OneOf(etp, "spec.externalTrafficPolicy", ["Cluster", "Local"]));
        errs.AddRange(FieldChecks.OneOf(Json.Str(spec, "internalTrafficPolicy"), "spec.internalTrafficPolicy", ["Cluster", "Local"]));
        errs.AddRange(FieldChecks.OneOf(Json.Str(spec, "ipFamilyPolicy"), "spec.ipFamilyPolicy", ["SingleStack", "PreferDualStack", "RequireDualStack"]));
        foreach (var (family, i) in Json.Strings(spec?["ipFamilies"]).Select((f, i) => (f, i)))
            errs.AddRange(FieldChecks.OneOf(family, $"spec.ipFamilies[{i}]", ["IPv4", "IPv6"]));
        return errs;
    }

    static IEnumerable<FieldError> ValidatePorts(JsonArray? ports, string? type, int count)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var nodePorts = new HashSet<(long, string)>();
        var portKeys = new HashSet<(long, string)>();
        foreach (var (i, p) in Json.Items(ports))
        {
            var ip = $"spec.ports[{i}]";
            var name = Json.Str(p, "name") ?? "";
            if (name.Length == 0)
            {
                if (count > 1) yield return FieldError.Required(ip + ".name");
            }
            else
            {
                foreach (var m in NameValidation.IsDNS1123Label(name)) yield return FieldError.Invalid(ip + ".name", name, m);
                if (!names.Add(name)) yield return FieldError.Duplicate(ip + ".name", name);
            }
            var port = Json.Int(p, "port") ?? 0;
            foreach (var m in ContainerValidation.PortNumber(port)) yield return FieldError.Invalid(ip + ".port", port, m);
            var protocol = Json.Str(p, "protocol") ?? "";
            foreach (var e in FieldChecks.OneOf(protocol, ip + ".protocol", ContainerValidation.Protocols, required: true)) yield return e;
            if (!portKeys.Add((port, protocol)))
                yield return FieldError.Duplicate(ip, GoValue.Elided("core.ServicePort"));
            var target = p["targetPort"];
            if (Json.IsInt(target))
            {
                foreach (var m in ContainerValidation.PortNumber(Json.Int(target) ?? 0)) yield return FieldError.Invalid(ip + ".targetPort", Json.Int(target) ?? 0, m);
            }
            else if (Json.Str(target) is { } named)
            {
                foreach (var m in NameValidation.IsValidPortName(named)) yield return FieldError.Invalid(ip + ".targetPort", named, m);
            }
            if ((Json.Int(p, "nodePort") ?? 0) is var nodePort and not 0)
            {
                if (type is not ("NodePort" or "LoadBalancer"))
                    yield return FieldError.Forbidden(ip + ".nodePort", $"may not be used when `type` is '{type}'");
                else if (nodePort is < NodePortMin or > NodePortMax)
                    yield return FieldError.Invalid(ip + ".nodePort", nodePort, $"provided port is not in the valid range. The range of valid ports is {NodePortMin}-{NodePortMax}");
                if (!nodePorts.Add((nodePort, protocol))) yield return FieldError.Duplicate(ip + ".nodePort", nodePort);
            }
        }
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old)
    {
        var spec = Json.Obj(obj, "spec");
        var oldSpec = Json.Obj(old, "spec");
        if (Json.Str(spec, "type") == "ExternalName" || Json.Str(oldSpec, "type") == "ExternalName") yield break;
        var oldIP = Json.Str(oldSpec, "clusterIP") ?? "";
        var newIP = Json.Str(spec, "clusterIP") ?? "";
        if (oldIP.Length > 0 && newIP != oldIP)
            yield return FieldError.Invalid("spec.clusterIPs[0]", GoValue.Strings(Json.Strings(spec?["clusterIPs"]).DefaultIfEmpty(newIP)), "may not change once set");
    }
}
