using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>rbac.authorization.k8s.io/v1 Roles and ClusterRoles: every rule needs verbs; namespaced rules cannot name URLs.</summary>
public sealed class RoleStrategy(bool clusterScoped) : BuiltInStrategy(hasStatus: false)
{
    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        foreach (var (i, rule) in Json.Items(obj["rules"]))
        {
            var rp = $"rules[{i}]";
            if (Json.IsEmpty(rule["verbs"])) errs.Add(FieldError.Required(rp + ".verbs", "verbs must contain at least one value"));
            var urls = Json.Strings(rule["nonResourceURLs"]).ToList();
            if (urls.Count > 0)
            {
                if (!clusterScoped)
                    errs.Add(FieldError.Invalid(rp + ".nonResourceURLs", GoValue.Strings(urls), "namespaced rules cannot apply to non-resource URLs"));
                else if (!Json.IsEmpty(rule["apiGroups"]) || !Json.IsEmpty(rule["resources"]) || !Json.IsEmpty(rule["resourceNames"]))
                    errs.Add(FieldError.Invalid(rp + ".nonResourceURLs", GoValue.Strings(urls), "rules cannot apply to both regular resources and non-resource URLs"));
                continue;
            }
            if (Json.IsEmpty(rule["apiGroups"]))
                errs.Add(FieldError.Required(rp + ".apiGroups", "resource rules must supply at least one api group"));
            if (Json.IsEmpty(rule["resources"]))
                errs.Add(FieldError.Required(rp + ".resources", "resource rules must supply at least one resource"));
        }
        return errs;
    }
}

/// <summary>rbac.authorization.k8s.io/v1 RoleBindings and ClusterRoleBindings: roleRef is fixed, subjects are complete.</summary>
public sealed class RoleBindingStrategy(bool clusterScoped) : BuiltInStrategy(hasStatus: false)
{
    const string RbacGroup = "rbac.authorization.k8s.io";

    public override void Default(JsonObject obj)
    {
        if (Json.Obj(obj, "roleRef") is { } roleRef) Json.Default(roleRef, "apiGroup", RbacGroup);
        foreach (var (_, subject) in Json.Items(obj["subjects"]))
        {
            if (!string.IsNullOrEmpty(Json.Str(subject, "apiGroup"))) continue;
            switch (Json.Str(subject, "kind"))
            {
                case "ServiceAccount": subject["apiGroup"] = ""; break;
                case "User" or "Group": subject["apiGroup"] = RbacGroup; break;
            }
        }
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var roleRef = Json.Obj(obj, "roleRef");
        errs.AddRange(FieldChecks.OneOf(Json.Str(roleRef, "apiGroup"), "roleRef.apiGroup", [RbacGroup], required: true));
        errs.AddRange(FieldChecks.OneOf(Json.Str(roleRef, "kind"), "roleRef.kind", clusterScoped ? ["ClusterRole"] : ["Role", "ClusterRole"], required: true));
        var refName = Json.Str(roleRef, "name") ?? "";
        if (refName.Length == 0) errs.Add(FieldError.Required("roleRef.name"));
        else foreach (var m in NameValidation.IsValidPathSegmentName(refName)) errs.Add(FieldError.Invalid("roleRef.name", refName, m));
        foreach (var (i, s) in Json.Items(obj["subjects"]))
        {
            var sp = $"subjects[{i}]";
            var name = Json.Str(s, "name") ?? "";
            if (name.Length == 0) errs.Add(FieldError.Required(sp + ".name"));
            switch (Json.Str(s, "kind"))
            {
                case "ServiceAccount":
                    if (name.Length > 0) foreach (var m in NameValidation.IsDNS1123Subdomain(name)) errs.Add(FieldError.Invalid(sp + ".name", name, m));
                    if (!string.IsNullOrEmpty(Json.Str(s, "apiGroup")))
                        errs.Add(FieldError.NotSupported(sp + ".apiGroup", Json.Str(s, "apiGroup"), [""]));
                    if (clusterScoped && string.IsNullOrEmpty(Json.Str(s, "namespace"))) errs.Add(FieldError.Required(sp + ".namespace"));
                    break;
                case "User" or "Group":
                    if (Json.Str(s, "apiGroup") != RbacGroup)
                        errs.Add(FieldError.NotSupported(sp + ".apiGroup", Json.Str(s, "apiGroup") ?? "", [RbacGroup]));
                    break;
                default:
                    errs.Add(FieldError.NotSupported(sp + ".kind", Json.Str(s, "kind") ?? "", ["ServiceAccount", "User", "Group"]));
                    break;
            }
        }
        return errs;
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old)
    {
        if (!Json.Same(obj["roleRef"], old["roleRef"]))
        {
            var r = Json.Obj(obj, "roleRef");
            var shown = new GoValue($"rbac.RoleRef{{APIGroup:{GoValue.Quote(Json.Str(r, "apiGroup") ?? "")}, Kind:{GoValue.Quote(Json.Str(r, "kind") ?? "")}, Name:{GoValue.Quote(Json.Str(r, "name") ?? "")}}}");
            yield return FieldError.Invalid("roleRef", shown, "cannot change roleRef");
        }
    }
}
