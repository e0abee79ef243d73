using System.Text.Json.Nodes;

namespace KubeSharp.Api.Validation;

/// <summary>upstream's validateContainers and friends: one container of a pod spec.</summary>
public static class ContainerValidation
{
    public static readonly IReadOnlyList<string> PullPolicies = ["Always", "IfNotPresent", "Never"];
    public static readonly IReadOnlyList<string> TerminationMessagePolicies = ["File", "FallbackToLogsOnError"];
    public static readonly IReadOnlyList<string> Protocols = ["SCTP", "TCP", "UDP"];
    static readonly IReadOnlyList<string> StandardResources = ["cpu", "memory", "ephemeral-storage", "storage"];

    /// <summary>
    /// One container at <paramref name="path"/> (e.g. "spec.containers[0]"); <paramref name="volumes"/> are the
    /// pod's volume names, which volume mounts must reference.
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(JsonObject c, string path, IReadOnlySet<string> volumes, bool isInit = false)
    {
        var errs = new List<FieldError>();
        var name = Json.Str(c, "name") ?? "";
        if (name.Length == 0) errs.Add(FieldError.Required(path + ".name"));
        else foreach (var m in NameValidation.IsDNS1123Label(name)) errs.Add(FieldError.Invalid(path + ".name", name, m));

        var image = Json.Str(c, "image") ?? "";
        if (image.Length == 0) errs.Add(FieldError.Required(path + ".image"));
        else if (image.Trim() != image) errs.Add(FieldError.Invalid(path + ".image", image, "must not have leading or trailing whitespace"));

        errs.AddRange(FieldChecks.OneOf(Json.Str(c, "imagePullPolicy"), path + ".imagePullPolicy", PullPolicies));
        errs.AddRange(FieldChecks.OneOf(Json.Str(c, "terminationMessagePolicy"), path + ".terminationMessagePolicy", TerminationMessagePolicies));
        errs.AddRange(ValidatePorts(c["ports"], path + ".ports"));
        errs.AddRange(ValidateEnv(c["env"], path + ".env"));
        errs.AddRange(ValidateVolumeMounts(c["volumeMounts"], path + ".volumeMounts", volumes));
        errs.AddRange(ValidateResources(Json.Obj(c, "resources"), path + ".resources"));
        if (!isInit)
        {
            errs.AddRange(ValidateProbe(Json.Obj(c, "livenessProbe"), path + ".livenessProbe", successMustBeOne: true));
            errs.AddRange(ValidateProbe(Json.Obj(c, "readinessProbe"), path + ".readinessProbe", successMustBeOne: false));
            errs.AddRange(ValidateProbe(Json.Obj(c, "startupProbe"), path + ".startupProbe", successMustBeOne: true));
        }
        return errs;
    }

    static IEnumerable<FieldError> ValidatePorts(JsonNode? ports, string path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, p) in Json.Items(ports))
        {
            var ip = $"{path}[{i}]";
            var portName = Json.Str(p, "name") ?? "";
            if (portName.Length > 0)
            {
                foreach (var m in NameValidation.IsValidPortName(portName)) yield return FieldError.Invalid(ip + ".name", portName, m);
                if (!names.Add(portName)) yield return FieldError.Duplicate(ip + ".name", portName);
            }
            var containerPort = Json.Int(p, "containerPort");
            if (containerPort is null or 0) yield return FieldError.Required(ip + ".containerPort");
            else foreach (var m in PortNumber(containerPort.Value)) yield return FieldError.Invalid(ip + ".containerPort", containerPort.Value, m);
            if (Json.Int(p, "hostPort") is { } hp and not 0)
                foreach (var m in PortNumber(hp)) yield return FieldError.Invalid(ip + ".hostPort", hp, m);
            var proto = Json.Str(p, "protocol");
            if (proto is null) yield return FieldError.Required(ip + ".protocol");
            else foreach (var e in FieldChecks.OneOf(proto, ip + ".protocol", Protocols)) yield return e;
        }
    }

    internal static IReadOnlyList<string> PortNumber(long port) =>
        port is >= 1 and <= 65535 ? [] : ["must be between 1 and 65535, inclusive"];

    static IEnumerable<FieldError> ValidateEnv(JsonNode? env, string path)
    {
        foreach (var (i, e) in Json.Items(env))
        {
            var ip = $"{path}[{i}]";
            var name = Json.Str(e, "name") ?? "";
            if (name.Length == 0) yield return FieldError.Required(ip + ".name");
            // Relaxed environment variable names (on by default since 1.32): printable ASCII except '='.
            else if (name.Any(ch => ch < 32 || ch > 126 || ch == '='))
                yield return FieldError.Invalid(ip + ".name", name, "a valid environment variable name must consist only of printable ASCII characters other than '='");
            if (Json.Obj(e, "valueFrom") is { } from)
            {
                if (Json.Has(e, "value") && !Json.IsEmpty(e["value"]))
                    yield return FieldError.Invalid(ip + ".valueFrom", "", "may not be specified when `value` is not empty");
                int sources = from.Count(kv => kv.Value is not null);
                if (sources == 0)
                    yield return FieldError.Invalid(ip + ".valueFrom", "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
                else if (sources > 1)
                    yield return FieldError.Invalid(ip + ".valueFrom", "", "may not have more than one field specified at a time");
                foreach (var refKind in new[] { "configMapKeyRef", "secretKeyRef" })
                    if (Json.Obj(from, refKind) is { } r && string.IsNullOrEmpty(Json.Str(r, "key")))
                        yield return FieldError.Required($"{ip}.valueFrom.{refKind}.key");
                if (Json.Obj(from, "fieldRef") is { } fr && string.IsNullOrEmpty(Json.Str(fr, "fieldPath")))
                    yield return FieldError.Required(ip + ".valueFrom.fieldRef.fieldPath");
            }
        }
    }

    static IEnumerable<FieldError> ValidateVolumeMounts(JsonNode? mounts, string path, IReadOnlySet<string> volumes)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, m) in Json.Items(mounts))
        {
            var ip = $"{path}[{i}]";
            var name = Json.Str(m, "name") ?? "";
            if (name.Length == 0) yield return FieldError.Required(ip + ".name");
            else if (!volumes.Contains(name)) yield return FieldError.NotFound(ip + ".name", name);
            var mountPath = Json.Str(m, "mountPath") ?? "";
            if (mountPath.Length == 0) yield return FieldError.Required(ip + ".mountPath");
            else if (!paths.Add(mountPath)) yield return FieldError.Invalid(ip + ".mountPath", mountPath, "must be unique");
            var subPath = Json.Str(m, "subPath") ?? "";
            if (subPath.Length > 0 && (subPath.StartsWith('/') || subPath.Split('/').Contains("..")))
                yield return FieldError.Invalid(ip + ".subPath", subPath, subPath.StartsWith('/') ? "must be a relative path" : "must not contain '..'");
        }
    }

    /// <summary>upstream's ValidateResourceRequirements: valid names and quantities, requests not above limits.</summary>
    public static IReadOnlyList<FieldError> ValidateResources(JsonObject? resources, string path)
    {
        var errs = new List<FieldError>();
        if (resources is null) return errs;
        var limits = Json.Obj(resources, "limits");
        var requests = Json.Obj(resources, "requests");
        foreach (var (list, listPath) in new[] { (limits, path + ".limits"), (requests, path + ".requests") })
        {
            if (list is null) continue;
            foreach (var (name, q) in list)
            {
                var qp = $"{listPath}[{name}]";
                if (!name.Contains('/') && !StandardResources.Contains(name) && !name.StartsWith("hugepages-", StringComparison.Ordinal))
                    errs.Add(FieldError.Invalid(qp, name, "must be a standard resource for containers"));
                else if (name.Contains('/'))
                    foreach (var m in NameValidation.IsQualifiedName(name)) errs.Add(FieldError.Invalid(qp, name, m));
                errs.AddRange(FieldChecks.Quantity(q, qp));
            }
        }
        if (limits is null || requests is null) return errs;
        foreach (var (name, req) in requests)
        {
            if (limits[name] is not { } lim) continue;
            if (!Model.Quantity.TryParse(Json.Text(req), out var r) || !Model.Quantity.TryParse(Json.Text(lim), out var l)) continue;
            if (r > l)
                errs.Add(FieldError.Invalid(path + ".requests", Json.Text(req), $"must be less than or equal to {name} limit of {Json.Text(lim)}"));
        }
        return errs;
    }

    static IEnumerable<FieldError> ValidateProbe(JsonObject? probe, string path, bool successMustBeOne)
    {
        if (probe is null) yield break;
        foreach (var field in new[] { "initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold", "terminationGracePeriodSeconds" })
            foreach (var e in FieldChecks.NonNegative(Json.Int(probe, field), $"{path}.{field}")) yield return e;
        if (successMustBeOne && Json.Int(probe, "successThreshold") is { } st and not 1)
            yield return FieldError.Invalid(path + ".successThreshold", st, "must be 1");
        int handlers = 0;
        foreach (var h in new[] { "exec", "httpGet", "tcpSocket", "grpc" })
            if (Json.Obj(probe, h) is not null) handlers++;
        if (handlers == 0) yield return FieldError.Required(path, "must specify a handler type");
        else if (handlers > 1) yield return FieldError.Forbidden(path, "may not specify more than 1 handler type");
        foreach (var h in new[] { "httpGet", "tcpSocket" })
        {
            if (Json.Obj(probe, h) is not { } action) continue;
            var port = action["port"];
            if (port is null) yield return FieldError.Required($"{path}.{h}.port");
            else if (Json.IsInt(port))
            {
                foreach (var m in PortNumber(Json.Int(port) ?? 0)) yield return FieldError.Invalid($"{path}.{h}.port", Json.Int(port) ?? 0, m);
            }
            else foreach (var m in NameValidation.IsValidPortName(Json.Str(port) ?? "")) yield return FieldError.Invalid($"{path}.{h}.port", Json.Str(port) ?? "", m);
        }
    }
}
