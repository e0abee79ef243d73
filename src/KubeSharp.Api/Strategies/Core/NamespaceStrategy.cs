using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>core/v1 Namespaces: the kubernetes finalizer, phase Active, and the immutable name label.</summary>
public sealed class NamespaceStrategy() : BuiltInStrategy(hasStatus: true)
{
    public const string NameLabel = "kubernetes.io/metadata.name";
    public const string KubernetesFinalizer = "kubernetes";

    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        obj["status"] = new JsonObject { ["phase"] = "Active" };
        var finalizers = Json.Arr(Spec(obj), "finalizers");
        if (finalizers is null) Spec(obj)["finalizers"] = finalizers = [];
        if (!Json.Strings(finalizers).Contains(KubernetesFinalizer)) finalizers.Add(KubernetesFinalizer);
    }

    // Upstream undoes changes to spec.finalizers outside /finalize; here the store's /finalize path reads
    // them after PrepareForUpdate, so they are left as sent.

    public override void Default(JsonObject obj)
    {
        var meta = Json.Ensure(obj, "metadata");
        if (Json.Str(meta, "name") is { Length: > 0 } name) Json.Ensure(meta, "labels")[NameLabel] = name;
        Json.Default(Json.Ensure(obj, "status"), "phase", "Active");
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        foreach (var (i, node) in (Json.Arr(obj, "spec", "finalizers") ?? []).Select((n, i) => (i, n)))
        {
            var f = Json.Str(node) ?? "";
            // Standard finalizers ("kubernetes") need no domain; anything else must be fully qualified.
            if (f == KubernetesFinalizer) continue;
            var problems = NameValidation.IsQualifiedName(f);
            foreach (var m in problems) errs.Add(FieldError.Invalid($"spec.finalizers[{i}]", f, m));
            if (problems.Count == 0 && !f.Contains('/'))
                errs.Add(FieldError.Invalid($"spec.finalizers[{i}]", f, "name is neither a standard finalizer name nor is it fully qualified"));
        }
        errs.AddRange(FieldChecks.OneOf(Json.Str(obj, "status", "phase"), "status.phase", ["Active", "Terminating"]));
        return errs;
    }

    public override IReadOnlyList<FieldError> ValidateUpdate(JsonObject obj, JsonObject old) => ValidateCreate(obj);
}
