using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>networking.k8s.io/v1 Ingresses.</summary>
public sealed class IngressStrategy() : BuiltInStrategy(hasStatus: true)
{
    static readonly IReadOnlyList<string> PathTypes = ["Exact", "ImplementationSpecific", "Prefix"];

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var spec = Json.Obj(obj, "spec");
        var rules = Json.Arr(spec, "rules");
        if (Json.Obj(spec, "defaultBackend") is { } defaultBackend)
            errs.AddRange(ValidateBackend(defaultBackend, "spec.defaultBackend"));
        else if (rules is null || rules.Count == 0)
            errs.Add(FieldError.Invalid("spec.rules", GoValue.Elided("[]networking.IngressRule"), "either `defaultBackend` or `rules` must be specified"));
        foreach (var (i, rule) in Json.Items(rules))
        {
            var rp = $"spec.rules[{i}]";
            if (Json.Str(rule, "host") is { Length: > 0 } host)
            {
                var bare = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
                foreach (var m in NameValidation.IsDNS1123Subdomain(bare)) errs.Add(FieldError.Invalid(rp + ".host", host, m));
                if (System.Net.IPAddress.TryParse(host, out _)) errs.Add(FieldError.Invalid(rp + ".host", host, "must be a DNS name, not an IP address"));
            }
            if (Json.Obj(rule, "http") is not { } http) continue;
            var paths = Json.Arr(http, "paths");
            if (paths is null || paths.Count == 0) errs.Add(FieldError.Required(rp + ".http.paths"));
            foreach (var (j, p) in Json.Items(paths))
            {
                var pp = $"{rp}.http.paths[{j}]";
                var pathType = Json.Str(p, "pathType");
                if (string.IsNullOrEmpty(pathType)) errs.Add(FieldError.Required(pp + ".pathType", "pathType must be specified"));
                else if (!PathTypes.Contains(pathType)) errs.Add(FieldError.NotSupported(pp + ".pathType", pathType, PathTypes));
                var path = Json.Str(p, "path") ?? "";
                if (pathType is "Exact" or "Prefix" && !path.StartsWith('/'))
                    errs.Add(FieldError.Invalid(pp + ".path", path, "must be an absolute path"));
                if (Json.Obj(p, "backend") is { } backend) errs.AddRange(ValidateBackend(backend, pp + ".backend"));
                else errs.Add(FieldError.Required(pp + ".backend"));
            }
        }
        foreach (var (i, tls) in Json.Items(spec?["tls"]))
            foreach (var (host, j) in Json.Strings(tls["hosts"]).Select((h, j) => (h, j)))
                foreach (var m in NameValidation.IsDNS1123Subdomain(host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host))
                    errs.Add(FieldError.Invalid($"spec.tls[{i}].hosts[{j}]", host, m));
        return errs;
    }

    static IEnumerable<FieldError> ValidateBackend(JsonObject backend, string path)
    {
        var service = Json.Obj(backend, "service");
        var resource = Json.Obj(backend, "resource");
        if (service is not null && resource is not null)
        {
            yield return FieldError.Invalid(path, "", "cannot set both resource and service backends");
            yield break;
        }
        if (service is null && resource is null)
        {
            yield return FieldError.Invalid(path, "", "resource or service backend is required");
            yield break;
        }
        if (service is null) yield break;
        var name = Json.Str(service, "name") ?? "";
        if (name.Length == 0) yield return FieldError.Required(path + ".service.name");
        else foreach (var m in NameValidation.IsDNS1035Label(name)) yield return FieldError.Invalid(path + ".service.name", name, m);
        var port = Json.Obj(service, "port");
        var portName = Json.Str(port, "name") ?? "";
        var number = Json.Int(port, "number") ?? 0;
        if (portName.Length > 0 && number != 0)
            yield return FieldError.Invalid(path + ".service.port", GoValue.Elided("networking.ServiceBackendPort"), "cannot set both port name & port number");
        else if (portName.Length > 0)
        {
            foreach (var m in NameValidation.IsValidPortName(portName)) yield return FieldError.Invalid(path + ".service.port.name", portName, m);
        }
        else if (number != 0)
        {
            foreach (var m in ContainerValidation.PortNumber(number)) yield return FieldError.Invalid(path + ".service.port.number", number, m);
        }
        else yield return FieldError.Invalid(path + ".service.port", GoValue.Elided("networking.ServiceBackendPort"), "port name or number is required");
    }
}

/// <summary>networking.k8s.io/v1 IngressClasses: the controller is required and fixed.</summary>
public sealed class IngressClassStrategy() : BuiltInStrategy(hasStatus: false)
{
    public override void Default(JsonObject obj)
    {
        if (Json.Obj(obj, "spec", "parameters") is { } parameters) Json.Default(parameters, "scope", "Cluster");
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var controller = Json.Str(obj, "spec", "controller") ?? "";
        if (controller.Length == 0) errs.Add(FieldError.Required("spec.controller"));
        else if (controller.Length > 250) errs.Add(FieldError.TooLong("spec.controller", controller, 250));
        if (Json.Obj(obj, "spec", "parameters") is { } parameters)
        {
            if (string.IsNullOrEmpty(Json.Str(parameters, "kind"))) errs.Add(FieldError.Required("spec.parameters.kind"));
            if (string.IsNullOrEmpty(Json.Str(parameters, "name"))) errs.Add(FieldError.Required("spec.parameters.name"));
            var scope = Json.Str(parameters, "scope");
            errs.AddRange(FieldChecks.OneOf(scope, "spec.parameters.scope", ["Cluster", "Namespace"]));
            if (scope == "Namespace" && string.IsNullOrEmpty(Json.Str(parameters, "namespace")))
                errs.Add(FieldError.Required("spec.parameters.namespace", "`parameters.scope` is set to 'Namespace'"));
        }
        return errs;
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old) =>
        FieldChecks.Immutable(Json.At(obj, "spec", "controller"), Json.At(old, "spec", "controller"), "spec.controller");
}

/// <summary>networking.k8s.io/v1 NetworkPolicies: policy types from the rules present, ports TCP.</summary>
public sealed class NetworkPolicyStrategy() : BuiltInStrategy(hasStatus: false)
{
    public override void Default(JsonObject obj)
    {
        var spec = Spec(obj);
        foreach (var direction in new[] { "ingress", "egress" })
            foreach (var (_, rule) in Json.Items(spec[direction]))
                foreach (var (_, port) in Json.Items(rule["ports"]))
                    Json.Default(port, "protocol", "TCP");
        if (Json.IsEmpty(spec["policyTypes"]))
        {
            var types = new JsonArray("Ingress");
            if (!Json.IsEmpty(spec["egress"])) types.Add("Egress");
            spec["policyTypes"] = types;
        }
        if (spec["podSelector"] is null) spec["podSelector"] = new JsonObject();
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var spec = Json.Obj(obj, "spec");
        errs.AddRange(Selectors.LabelSelectorValidation.Validate(FieldChecks.ToModelSelector(spec?["podSelector"]), "spec.podSelector"));
        foreach (var (t, i) in Json.Strings(spec?["policyTypes"]).Select((t, i) => (t, i)))
            errs.AddRange(FieldChecks.OneOf(t, $"spec.policyTypes[{i}]", ["Ingress", "Egress"]));
        return errs;
    }
}
