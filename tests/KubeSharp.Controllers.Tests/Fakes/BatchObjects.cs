using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Controllers.Job;

namespace KubeSharp.Controllers.Tests.Fakes;

/// <summary>Jobs, cron jobs and kubelet-style pod statuses for the batch controller tests, shaped as the API server would store them.</summary>
public static class BatchObjects
{
    public const string Ns = "default";

    /// <summary>A job as the API server's strategy leaves it: defaulted, with the generated selector and template labels.</summary>
    public static JsonObject NewJob(string name, int? completions = 1, int parallelism = 1, int backoffLimit = 6, string restartPolicy = "Never",
        string? completionMode = null, bool suspend = false, long? activeDeadlineSeconds = null, int? ttl = null, JsonObject? podFailurePolicy = null)
    {
        var uid = Guid.NewGuid().ToString();
        var labels = new JsonObject
        {
            ["batch.kubernetes.io/controller-uid"] = uid,
            ["batch.kubernetes.io/job-name"] = name,
            ["controller-uid"] = uid,
            ["job-name"] = name,
        };
        var spec = new JsonObject
        {
            ["parallelism"] = parallelism,
            ["backoffLimit"] = backoffLimit,
            ["completionMode"] = completionMode ?? "NonIndexed",
            ["suspend"] = suspend,
            ["podReplacementPolicy"] = podFailurePolicy is null ? "TerminatingOrFailed" : "Failed",
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = labels },
                ["spec"] = new JsonObject
                {
                    ["restartPolicy"] = restartPolicy,
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "busybox", ["command"] = new JsonArray("sh", "-c", "true") }),
                },
            },
        };
        if (completions is { } c) spec["completions"] = c;
        if (activeDeadlineSeconds is { } d) spec["activeDeadlineSeconds"] = d;
        if (ttl is { } t) spec["ttlSecondsAfterFinished"] = t;
        if (podFailurePolicy is not null) spec["podFailurePolicy"] = podFailurePolicy;
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns, ["uid"] = uid, ["labels"] = labels.DeepClone() },
            ["spec"] = spec,
        };
    }

    public static JsonObject Running(bool ready = true, int restarts = 0) => new()
    {
        ["phase"] = "Running",
        ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" }),
        ["containerStatuses"] = new JsonArray(new JsonObject
        {
            ["name"] = "main", ["image"] = "busybox", ["imageID"] = "", ["ready"] = ready, ["restartCount"] = restarts,
            ["state"] = new JsonObject { ["running"] = new JsonObject() },
        }),
    };

    public static JsonObject Exited(int exitCode, DateTimeOffset at) => new()
    {
        ["phase"] = exitCode == 0 ? "Succeeded" : "Failed",
        ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "False", ["lastTransitionTime"] = KubeJson.FormatTime(at) }),
        ["containerStatuses"] = new JsonArray(new JsonObject
        {
            ["name"] = "main", ["image"] = "busybox", ["imageID"] = "", ["ready"] = false, ["restartCount"] = 0,
            ["state"] = new JsonObject
            {
                ["terminated"] = new JsonObject { ["exitCode"] = exitCode, ["reason"] = exitCode == 0 ? "Completed" : "Error", ["finishedAt"] = KubeJson.FormatTime(at) },
            },
        }),
    };

    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        (obj["metadata"]?["finalizers"] as JsonArray)?.Select(f => (string)f!).ToList() ?? [];

    public static string? Condition(JsonObject job, string type, string field = "status") =>
        (job["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => (string?)c?["type"] == type)?[field]?.GetValue<string>();

    public static IReadOnlyList<string> ConditionTypes(JsonObject job) =>
        (job["status"]?["conditions"] as JsonArray)?.Select(c => (string)c!["type"]!).ToList() ?? [];

    public static int Int(JsonObject obj, string field) => obj["status"]?[field]?.GetValue<int>() ?? 0;

    public static string Name(JsonObject obj) => JsonMeta.Name(obj)!;
}
