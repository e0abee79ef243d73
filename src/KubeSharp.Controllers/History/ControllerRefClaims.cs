using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Selectors;
using KubeSharp.Client;

namespace KubeSharp.Controllers.History;

/// <summary>
/// Upstream's ControllerRefManager: of the candidates, the owner keeps what it controls and its selector
/// still matches, adopts matching orphans (unless it is being deleted) and releases what no longer matches.
/// </summary>
public sealed class ControllerRefClaims(IApiClient api, string fieldManager)
{
    public async Task<IReadOnlyList<JsonObject>> ClaimAsync(GroupVersionResource resource, JsonObject owner, JsonObject controllerRef,
        LabelSelector selector, IEnumerable<JsonObject> candidates, CancellationToken ct)
    {
        var ownerUid = JsonMeta.Uid(owner);
        var ownerDeleting = owner["metadata"]?["deletionTimestamp"] is not null;
        var claimed = new List<JsonObject>();
        foreach (var obj in candidates)
        {
            var controller = ControllerRefs.OwnerUid(obj);
            var matches = selector.Matches(JsonMeta.Labels(obj));
            if (controller == ownerUid)
            {
                if (matches || ownerDeleting) claimed.Add(obj);
                else await WriteAsync(resource, obj, o => ControllerRefs.Remove(o, ownerUid), ct);
                continue;
            }
            if (controller is not null || !matches || ownerDeleting || obj["metadata"]?["deletionTimestamp"] is not null) continue;
            if (await WriteAsync(resource, obj, o => ControllerRefs.Add(o, controllerRef), ct) is { } adopted) claimed.Add(adopted);
        }
        return claimed;
    }

    /// <summary>Updates a copy of <paramref name="obj"/>; null when it is gone or changed meanwhile (the next sync sees the news).</summary>
    async Task<JsonObject?> WriteAsync(GroupVersionResource resource, JsonObject obj, Func<JsonObject, bool> change, CancellationToken ct)
    {
        var copy = (JsonObject)obj.DeepClone();
        if (!change(copy)) return obj;
        try
        {
            return await api.UpdateAsync(resource, JsonMeta.Namespace(obj), copy, options: new WriteOptions { FieldManager = fieldManager }, ct: ct);
        }
        catch (StatusError e) when (e.Code is 404 or 409)
        {
            return null;
        }
    }
}
