using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>core/v1 Secrets: type Opaque by default, the keys each well-known type requires, base64 data.</summary>
public sealed class SecretStrategy() : BuiltInStrategy(hasStatus: false)
{
    public const string ServiceAccountNameAnnotation = "kubernetes.io/service-account.name";

    public override void Default(JsonObject obj) => Json.Default(obj, "type", "Opaque");

    /// <summary>stringData is write-only: it is merged into data (base64) and dropped.</summary>
    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        MergeStringData(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(obj, old);
        MergeStringData(obj);
    }

    static void MergeStringData(JsonObject obj)
    {
        if (Json.Obj(obj, "stringData") is not { } stringData) return;
        var data = Json.Ensure(obj, "data");
        foreach (var (k, v) in stringData)
            data[k] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Json.Str(v) ?? ""));
        obj.Remove("stringData");
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var data = Json.Obj(obj, "data");
        errs.AddRange(ConfigDataChecks.Keys(data, "data"));
        long total = 0;
        foreach (var (key, value) in data ?? [])
        {
            var text = Json.Str(value) ?? "";
            var bytes = new byte[text.Length];
            if (!Convert.TryFromBase64String(text, bytes, out var n))
                errs.Add(FieldError.Invalid($"data[{key}]", "<secret contents redacted>", "illegal base64 data"));
            total += n;
        }
        if (total > ConfigDataChecks.MaxTotalBytes) errs.Add(FieldError.TooLong("data", "", ConfigDataChecks.MaxTotalBytes));

        bool Has(string key) => data?[key] is not null;
        switch (Json.Str(obj, "type"))
        {
            case "kubernetes.io/service-account-token":
                if (string.IsNullOrEmpty(Json.Str(obj, "metadata", "annotations", ServiceAccountNameAnnotation)))
                    errs.Add(FieldError.Required($"metadata.annotations[{ServiceAccountNameAnnotation}]"));
                break;
            case "kubernetes.io/dockercfg":
                if (!Has(".dockercfg")) errs.Add(FieldError.Required("data[.dockercfg]"));
                break;
            case "kubernetes.io/dockerconfigjson":
                if (!Has(".dockerconfigjson")) errs.Add(FieldError.Required("data[.dockerconfigjson]"));
                break;
            case "kubernetes.io/basic-auth":
                if (!Has("username") && !Has("password"))
                {
                    errs.Add(FieldError.Required("data[username]"));
                    errs.Add(FieldError.Required("data[password]"));
                }
                break;
            case "kubernetes.io/ssh-auth":
                if (!Has("ssh-privatekey")) errs.Add(FieldError.Required("data[ssh-privatekey]"));
                break;
            case "kubernetes.io/tls":
                if (!Has("tls.key")) errs.Add(FieldError.Required("data[tls.key]"));
                if (!Has("tls.crt")) errs.Add(FieldError.Required("data[tls.crt]"));
                break;
        }
        return errs;
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old)
    {
        foreach (var e in FieldChecks.Immutable(obj["type"], old["type"], "type")) yield return e;
        foreach (var e in ConfigDataChecks.Immutable(obj, old, "data")) yield return e;
    }
}
