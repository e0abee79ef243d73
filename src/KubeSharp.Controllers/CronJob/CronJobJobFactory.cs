using System.Globalization;
using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Controllers.Job;

namespace KubeSharp.Controllers.CronJob;

/// <summary>
/// The Job a cron job starts for one scheduled time: named &lt;cronjob&gt;-&lt;minutes since the epoch&gt; so a
/// run is created once however often the controller retries, with the template's labels and annotations,
/// the scheduled time as an annotation, and the cron job as its controller.
/// </summary>
public static class CronJobJobFactory
{
    public static string JobName(string cronJobName, DateTimeOffset scheduled) =>
        $"{cronJobName}-{(scheduled.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture)}";

    public static JsonObject Build(JsonObject cronJob, DateTimeOffset scheduled, TimeZoneInfo zone)
    {
        var meta = (JsonObject)cronJob["metadata"]!;
        var name = (string)meta["name"]!;
        var template = cronJob["spec"]?["jobTemplate"] as JsonObject;
        var labels = (JsonObject?)template?["metadata"]?["labels"]?.DeepClone() ?? new JsonObject();
        var annotations = (JsonObject?)template?["metadata"]?["annotations"]?.DeepClone() ?? new JsonObject();
        annotations[BatchNames.CronJobScheduledTimestamp] = Rfc3339(TimeZoneInfo.ConvertTime(scheduled, zone));
        var metadata = new JsonObject
        {
            ["name"] = JobName(name, scheduled),
            ["namespace"] = meta["namespace"]?.DeepClone(),
            ["labels"] = labels,
            ["annotations"] = annotations,
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "batch/v1",
                ["kind"] = "CronJob",
                ["name"] = name,
                ["uid"] = meta["uid"]?.DeepClone(),
                ["controller"] = true,
                ["blockOwnerDeletion"] = true,
            }),
        };
        if (labels.Count == 0) metadata.Remove("labels");
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = metadata,
            ["spec"] = template?["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>Go's RFC 3339 layout: "Z" for UTC, otherwise the zone's offset.</summary>
    public static string Rfc3339(DateTimeOffset t) =>
        t.Offset == TimeSpan.Zero
            ? KubeJson.FormatTime(t)
            : t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
