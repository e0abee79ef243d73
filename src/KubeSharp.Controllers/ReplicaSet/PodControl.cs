using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Events;
using KubeSharp.Controllers.History;

namespace KubeSharp.Controllers.ReplicaSet;

/// <summary>Creates pods from an owner's template and deletes them, recording upstream's events on the owner.</summary>
public sealed class PodControl(IApiClient api, EventRecorder recorder, ReplicaKind kind)
{
    public static readonly GroupVersionResource Pods = new("", "v1", "pods");

    /// <summary>A pod as upstream's GetPodFromTemplate builds it: template metadata and spec, generateName "&lt;owner&gt;-", controller reference.</summary>
    public static JsonObject PodFromTemplate(JsonObject template, JsonObject owner, JsonObject controllerRef)
    {
        var meta = template["metadata"] as JsonObject;
        var podMeta = new JsonObject
        {
            ["generateName"] = (JsonMeta.Name(owner) ?? "") + "-",
            ["namespace"] = JsonMeta.Namespace(owner),
        };
        if (meta?["labels"] is JsonObject labels) podMeta["labels"] = labels.DeepClone();
        if (meta?["annotations"] is JsonObject annotations) podMeta["annotations"] = annotations.DeepClone();
        if (meta?["finalizers"] is JsonArray finalizers) podMeta["finalizers"] = finalizers.DeepClone();
        podMeta["ownerReferences"] = new JsonArray(controllerRef.DeepClone());
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = podMeta,
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    public async Task<JsonObject> CreateAsync(JsonObject owner, CancellationToken ct)
    {
        var template = owner["spec"]?["template"] as JsonObject ?? new JsonObject();
        var pod = PodFromTemplate(template, owner, ControllerRefs.New(owner, kind.ApiVersion, kind.Kind));
        var involved = ObjectFields.Involved(owner, kind.ApiVersion, kind.Kind);
        try
        {
            var created = await api.CreateAsync(Pods, JsonMeta.Namespace(owner), pod, null, new WriteOptions { FieldManager = ReplicaKind.FieldManager }, ct);
            recorder.Event(involved, EventTypes.Normal, "SuccessfulCreate", $"Created pod: {JsonMeta.Name(created)}");
            return created;
        }
        catch (StatusError e) when (!IsNamespaceTerminating(e))
        {
            recorder.Event(involved, EventTypes.Warning, "FailedCreate", $"Error creating: {e.Message}");
            throw;
        }
    }

    /// <summary>Deletes the pod; a pod already gone counts as deleted (false is returned).</summary>
    public async Task<bool> DeleteAsync(JsonObject owner, JsonObject pod, CancellationToken ct)
    {
        var involved = ObjectFields.Involved(owner, kind.ApiVersion, kind.Kind);
        var name = JsonMeta.Name(pod) ?? "";
        try
        {
            await api.DeleteAsync(Pods, JsonMeta.Namespace(pod), name, new DeleteOptions { PreconditionUid = JsonMeta.Uid(pod) }, ct);
            recorder.Event(involved, EventTypes.Normal, "SuccessfulDelete", $"Deleted pod: {name}");
            return true;
        }
        catch (StatusError e) when (e.Code == 404)
        {
            return false;
        }
        catch (StatusError e)
        {
            recorder.Event(involved, EventTypes.Warning, "FailedDelete", $"Error deleting: {e.Message}");
            throw;
        }
    }

    /// <summary>Creates in a namespace being deleted are refused; that is not the owner's failure.</summary>
    public static bool IsNamespaceTerminating(StatusError e) =>
        e.Code == 403 && e.Message.Contains("being terminated", StringComparison.Ordinal);
}
