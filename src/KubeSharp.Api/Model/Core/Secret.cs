using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "Secret"), Description("Confidential data such as passwords, tokens or keys.")]
public sealed record Secret : KubernetesObject
{
    [Proto(5), Description("When true, the data cannot be changed any more.")]
    public bool? Immutable { get; init; }

    [Proto(2), Description("Values by key, base64 in JSON.")]
    public Dictionary<string, byte[]>? Data { get; init; }

    [Proto(4), Description("Write-only plain-text values that are merged into data.")]
    public Dictionary<string, string>? StringData { get; init; }

    [Proto(3), Description("Kind of secret, such as Opaque or kubernetes.io/tls, which decides the required keys.")]
    public string? Type { get; init; }
}

[Description("A page of secrets.")]
public sealed record SecretList : KubernetesList<Secret>;
