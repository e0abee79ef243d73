using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>
/// upstream's core/v1 defaulting of a pod spec (SetDefaults_PodSpec, _Container, _Probe, _Volume and friends),
/// applied to pods and to every pod template.
/// </summary>
public static class PodSpecDefaults
{
    /// <summary>Defaults a pod template's spec (<c>template.spec</c>); the template itself is created when missing.</summary>
    public static void ApplyToTemplate(JsonObject owner, string templateKey = "template")
    {
        if (owner[templateKey] is not JsonObject template) return;
        Apply(Json.Ensure(template, "spec"));
    }

    public static void Apply(JsonObject spec)
    {
        Json.Default(spec, "dnsPolicy", "ClusterFirst");
        Json.Default(spec, "restartPolicy", "Always");
        if (spec["securityContext"] is null) spec["securityContext"] = new JsonObject();
        Json.Default(spec, "terminationGracePeriodSeconds", 30);
        Json.Default(spec, "schedulerName", "default-scheduler");
        var hostNetwork = Json.Bool(spec, "hostNetwork") == true;
        foreach (var list in (ReadOnlySpan<string>)["initContainers", "containers", "ephemeralContainers"])
            foreach (var (_, c) in Json.Items(spec[list]))
                DefaultContainer(c, hostNetwork);
        foreach (var (_, v) in Json.Items(spec["volumes"]))
            DefaultVolume(v);
    }

    static void DefaultContainer(JsonObject c, bool hostNetwork)
    {
        if (string.IsNullOrEmpty(Json.Str(c, "imagePullPolicy")) && Json.Str(c, "image") is { } image)
            c["imagePullPolicy"] = PullPolicyFor(image);
        Json.Default(c, "terminationMessagePath", "/dev/termination-log");
        Json.Default(c, "terminationMessagePolicy", "File");
        if (c["resources"] is null) c["resources"] = new JsonObject();
        foreach (var (_, p) in Json.Items(c["ports"]))
        {
            Json.Default(p, "protocol", "TCP");
            // With host networking the container port is the host port.
            if (hostNetwork && (Json.Int(p, "hostPort") ?? 0) == 0 && p["containerPort"] is { } cp)
                p["hostPort"] = cp.DeepClone();
        }
        foreach (var probe in (ReadOnlySpan<string>)["livenessProbe", "readinessProbe", "startupProbe"])
            if (Json.Obj(c, probe) is { } p) DefaultProbe(p);
        if (Json.Obj(c, "lifecycle") is { } lifecycle)
            foreach (var hook in (ReadOnlySpan<string>)["postStart", "preStop"])
                if (Json.Obj(lifecycle, hook, "httpGet") is { } get) DefaultHttpGet(get);
        foreach (var (_, e) in Json.Items(c["env"]))
            if (Json.Obj(e, "valueFrom", "fieldRef") is { } fieldRef) Json.Default(fieldRef, "apiVersion", "v1");
    }

    /// <summary>Always for ":latest" or untagged images (digests count as tagged), else IfNotPresent.</summary>
    public static string PullPolicyFor(string image)
    {
        if (image.Contains('@')) return "IfNotPresent";
        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        if (colon < 0) return "Always";
        return image[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    static void DefaultProbe(JsonObject p)
    {
        Json.Default(p, "timeoutSeconds", 1);
        Json.Default(p, "periodSeconds", 10);
        Json.Default(p, "successThreshold", 1);
        Json.Default(p, "failureThreshold", 3);
        if (Json.Obj(p, "httpGet") is { } get) DefaultHttpGet(get);
    }

    static void DefaultHttpGet(JsonObject get)
    {
        Json.Default(get, "path", "/");
        Json.Default(get, "scheme", "HTTP");
    }

    static void DefaultVolume(JsonObject v)
    {
        // A volume naming no source is an emptyDir.
        if (!v.Any(kv => kv.Key != "name" && kv.Value is not null)) v["emptyDir"] = new JsonObject();
        foreach (var source in (ReadOnlySpan<string>)["secret", "configMap", "downwardAPI", "projected"])
            if (Json.Obj(v, source) is { } s && s["defaultMode"] is null) s["defaultMode"] = 420;
        if (Json.Obj(v, "hostPath") is { } hp && hp["type"] is null) hp["type"] = "";
        foreach (var (_, item) in Json.Items(Json.At(v, "downwardAPI", "items")))
            if (Json.Obj(item, "fieldRef") is { } fr) Json.Default(fr, "apiVersion", "v1");
        foreach (var (_, src) in Json.Items(Json.At(v, "projected", "sources")))
        {
            foreach (var (_, item) in Json.Items(Json.At(src, "downwardAPI", "items")))
                if (Json.Obj(item, "fieldRef") is { } fr) Json.Default(fr, "apiVersion", "v1");
            if (Json.Obj(src, "serviceAccountToken") is { } sat && sat["expirationSeconds"] is null) sat["expirationSeconds"] = 3600;
        }
        if (Json.Obj(v, "iscsi") is { } iscsi) Json.Default(iscsi, "iscsiInterface", "default");
        if (Json.Obj(v, "rbd") is { } rbd)
        {
            Json.Default(rbd, "pool", "rbd");
            Json.Default(rbd, "user", "admin");
            Json.Default(rbd, "keyring", "/etc/ceph/keyring");
        }
    }
}
