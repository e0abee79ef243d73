using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "ServiceAccount"), Description("An identity for processes running in pods.")]
public sealed record ServiceAccount : KubernetesObject
{
    [Proto(2), Patch("merge", MergeKey = "name"), ListType("map", "name"), Description("Deprecated list of secrets for the account's pods.")]
    public List<ObjectReference>? Secrets { get; init; }

    [Proto(3), ListType("atomic"), Description("Registry credentials added to pods that use the account.")]
    public List<LocalObjectReference>? ImagePullSecrets { get; init; }

    [Proto(4), Description("Whether pods mount a token for the account by default.")]
    public bool? AutomountServiceAccountToken { get; init; }
}

[Description("A page of service accounts.")]
public sealed record ServiceAccountList : KubernetesList<ServiceAccount>;
