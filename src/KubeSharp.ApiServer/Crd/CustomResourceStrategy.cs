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
    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(obj, old);
        if (!HasStatusSubresource && obj["metadata"] is JsonObject meta)
        {
            // Without a status subresource every change but metadata counts as a spec change, as upstream.
            var oldGen = old["metadata"]?["generation"]?.GetValue<long>() ?? 1;
            meta["generation"] = Changed(obj, old) ? oldGen + 1 : oldGen;
        }
    }

    static bool Changed(JsonObject obj, JsonObject old)
    {
        foreach (var key in obj.Select(p => p.Key).Union(old.Select(p => p.Key)))
        {
            if (key is "metadata") continue;
            if (!JsonNode.DeepEquals(obj[key], old[key])) return true;
        }
        return false;
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj) => validate(obj);
}
