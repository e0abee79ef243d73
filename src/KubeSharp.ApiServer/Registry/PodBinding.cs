using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;

namespace KubeSharp.ApiServer.Registry;

/// <summary>
/// The pods/binding subresource: assigns a pod to a node by setting <c>spec.nodeName</c> and the
/// <c>PodScheduled=True</c> condition in one write. Shared by the HTTP endpoint and the loopback client.
/// </summary>
public static class PodBinding
{
    /// <summary>The node a Binding body targets; a body without <c>target.name</c> is Invalid.</summary>
    public static string TargetNode(JsonObject binding, string podName)
    {
        var node = JsonMeta.Str(binding["target"]?["name"]);
        if (string.IsNullOrEmpty(node))
            throw StatusError.Invalid("", "Binding", podName, [Api.Validation.FieldError.Required("target.name")]);
        return node;
    }

    /// <summary>
    /// Binds pod <paramref name="name"/> to <paramref name="node"/>. A pod being deleted or already bound
    /// is a Conflict, as upstream answers.
    /// </summary>
    public static Task<JsonObject> BindAsync(ResourceStore pods, string? ns, string name, string node, WriteParams p, TimeProvider time, CancellationToken ct)
    {
        var now = KubeJson.FormatTime(time.GetUtcNow());
        return pods.WriteAsync(ns, name, "binding", p with { FieldManager = p.FieldManager ?? "kube-scheduler" }, "Update", null, pod =>
        {
            if (JsonMeta.DeletionTimestamp(pod) is not null)
                throw StatusError.Conflict("pods", name, "pod is being deleted, cannot be assigned to a host");
            var spec = pod["spec"] as JsonObject ?? throw StatusError.BadRequest("pod has no spec");
            var current = JsonMeta.Str(spec["nodeName"]);
            if (!string.IsNullOrEmpty(current))
                throw StatusError.Conflict("pods", name, $"pod {name} is already assigned to node \"{current}\"");
            spec["nodeName"] = node;
            var status = pod["status"] as JsonObject ?? new JsonObject();
            pod["status"] = status;
            var conditions = status["conditions"] as JsonArray ?? new JsonArray();
            status["conditions"] = conditions;
            foreach (var c in conditions.OfType<JsonObject>().Where(c => JsonMeta.Str(c["type"]) == "PodScheduled").ToList()) conditions.Remove(c);
            conditions.Add(new JsonObject { ["type"] = "PodScheduled", ["status"] = "True", ["lastProbeTime"] = null, ["lastTransitionTime"] = now });
            return pod;
        }, ct);
    }

    /// <summary>The Status a successful binding answers with.</summary>
    public static JsonObject Success() =>
        new() { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["code"] = 201 };
}
