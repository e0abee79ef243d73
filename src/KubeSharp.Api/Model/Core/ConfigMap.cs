using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "ConfigMap"), Description("Non-secret configuration data as key/value pairs.")]
public sealed record ConfigMap : KubernetesObject
{
    [Proto(4), Description("When true, the data cannot be changed any more.")]
    public bool? Immutable { get; init; }

    [Proto(2), Description("UTF-8 text values by key.")]
    public Dictionary<string, string>? Data { get; init; }

    [Proto(3), Description("Binary values by key, base64 in JSON.")]
    public Dictionary<string, byte[]>? BinaryData { get; init; }
}

[Description("A page of ConfigMaps.")]
public sealed record ConfigMapList : KubernetesList<ConfigMap>;
