using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Validation;

namespace KubeSharp.ApiServer.Crd;

/// <summary>
/// Strategy of a custom resource: the status split when the CRD enables the status subresource, and
/// validation against the version's openAPIV3Schema.
/// </summary>
public sealed class CustomResourceStrategy(bool hasStatus, Func<JsonObject, IReadOnlyList<FieldError>> validate) : DefaultStrategy(hasStatus)
{
    // Without a status subresource every change but metadata counts as a spec change, as upstream.
    protected override bool IsSpecField(string key) => HasStatusSubresource ? base.IsSpecField(key) : key != "metadata";

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj) => validate(obj);
}
