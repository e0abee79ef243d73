using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Selectors;
using KubeSharp.Client;
using KubeSharp.Controllers.History;

namespace KubeSharp.Controllers.ReplicaSet;

/// <summary>
/// Upstream's ControllerRefManager: decides which candidate children an owner controls. Children it
/// controls whose labels no longer match are released; orphans whose labels match are adopted (owner
/// reference with <c>controller</c> and <c>blockOwnerDeletion</c>); children of other controllers are
/// left alone. Patches carry the child's uid so a child replaced under the same name is never touched.
/// </summary>
public sealed class ControllerRefManager(IApiClient api, GroupVersionResource childResource, string fieldManager)
{
    /// <param name="canAdopt">Asked at most once, before the first adoption: upstream re-reads the owner so a deleted or replaced owner adopts nothing.</param>
    public async Task<List<JsonObject>> ClaimAsync(JsonObject owner, string apiVersion, string kind, LabelSelector selector,
        IEnumerable<JsonObject> candidates, Func<CancellationToken, Task<bool>> canAdopt, CancellationToken ct)
    {
        var ownerUid = JsonMeta.Uid(owner) ?? "";
        var ownerDeleting = ObjectFields.IsDeleting(owner);
        bool? adoptable = null;
        var claimed = new List<JsonObject>();
        foreach (var child in candidates)
        {
            var matches = selector.Matches(JsonMeta.Labels(child));
            var controller = ObjectFields.ControllerOf(child);
            if (controller is not null)
            {
                if (controller.Uid != ownerUid) continue;
                if (matches)
                {
                    claimed.Add(child);
                    continue;
                }
                // An owner being deleted keeps its children so the garbage collector can find them.
                if (ownerDeleting) continue;
                await ReleaseAsync(child, ownerUid, ct);
                continue;
            }
            if (!matches || ownerDeleting || ObjectFields.IsDeleting(child)) continue;
            adoptable ??= await canAdopt(ct);
            if (adoptable != true) continue;
            if (await AdoptAsync(child, ControllerRefs.New(owner, apiVersion, kind), ct) is { } adopted) claimed.Add(adopted);
        }
        return claimed;
    }

    async Task<JsonObject?> AdoptAsync(JsonObject child, JsonObject controllerRef, CancellationToken ct)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["ownerReferences"] = new JsonArray(controllerRef),
                ["uid"] = JsonMeta.Uid(child),
            },
        };
        try
        {
            return await api.PatchAsync(childResource, JsonMeta.Namespace(child), JsonMeta.Name(child) ?? "", PatchType.StrategicMerge,
                patch.ToJsonString(), null, new WriteOptions { FieldManager = fieldManager }, ct);
        }
        catch (StatusError e) when (e.Code is 404)
        {
            return null;
        }
    }

    async Task ReleaseAsync(JsonObject child, string ownerUid, CancellationToken ct)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["ownerReferences"] = new JsonArray(new JsonObject { ["$patch"] = "delete", ["uid"] = ownerUid }),
                ["uid"] = JsonMeta.Uid(child),
            },
        };
        try
        {
            await api.PatchAsync(childResource, JsonMeta.Namespace(child), JsonMeta.Name(child) ?? "", PatchType.StrategicMerge,
                patch.ToJsonString(), null, new WriteOptions { FieldManager = fieldManager }, ct);
        }
        // Gone, replaced (uid precondition) or being deleted: nothing left to release, as upstream.
        catch (StatusError e) when (e.Code is 404 or 409 or 422) { }
    }
}
