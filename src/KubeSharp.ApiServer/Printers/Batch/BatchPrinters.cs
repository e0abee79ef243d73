using System.Text.Json.Nodes;
using static KubeSharp.ApiServer.Printers.JsonRead;
using static KubeSharp.ApiServer.Printers.DefaultPrinters;

namespace KubeSharp.ApiServer.Printers.Batch;

/// <summary>Printers of the batch group: jobs and cronjobs.</summary>
public static class BatchPrinters
{
    public static ITablePrinter Jobs { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.Text("Status", "The job's state, from its conditions."),
            TableColumn.Text("Completions", "Succeeded pods out of the completions wanted."),
            TableColumn.Text("Duration", "How long the job ran, or has been running."),
            TableColumn.AgeColumn,
            TableColumn.Text("Containers", "Names of the template's containers.", 1),
            TableColumn.Text("Images", "Images of the template's containers.", 1),
            TableColumn.Text("Selector", "Labels of the pods it manages.", 1),
        ],
        (o, now) =>
        {
            var (names, images) = PrinterFormat.Containers(Obj(o, "spec", "template", "spec"));
            return Row(o, JobStatus(o), Completions(o), Duration(o, now), Age(o, now), names, images,
                PrinterFormat.Selector(Node(o, "spec", "selector")));
        });

    public static ITablePrinter CronJobs { get; } = new TablePrinter(
        [
            TableColumn.NameColumn,
            TableColumn.Text("Schedule", "The cron schedule."),
            TableColumn.Text("Timezone", "The time zone of the schedule."),
            TableColumn.Boolean("Suspend", "Whether new runs are suspended."),
            TableColumn.Integer("Active", "Jobs currently running."),
            TableColumn.Text("Last Schedule", "Time since a job was last scheduled."),
            TableColumn.AgeColumn,
            TableColumn.Text("Containers", "Names of the job template's containers.", 1),
            TableColumn.Text("Images", "Images of the job template's containers.", 1),
            TableColumn.Text("Selector", "Labels of the job template's pods.", 1),
        ],
        (o, now) =>
        {
            var (names, images) = PrinterFormat.Containers(Obj(o, "spec", "jobTemplate", "spec", "template", "spec"));
            var suspend = BoolOpt(o, "spec", "suspend") is { } b ? PrinterFormat.Bool(b) : "<unset>";
            var last = Time(o, "status", "lastScheduleTime") is { } t ? HumanDuration.Since(t, now) : PrinterFormat.None;
            return Row(o, Str(o, "spec", "schedule") ?? "", Str(o, "spec", "timeZone") ?? PrinterFormat.None, suspend,
                (long)Arr(o, "status", "active").Count, last, Age(o, now), names, images,
                PrinterFormat.Selector(Node(o, "spec", "jobTemplate", "spec", "selector")));
        });

    /// <summary>"2/3", or for jobs without completions "1/1" or "0/1 of 4" when pods run in parallel.</summary>
    public static string Completions(JsonObject job)
    {
        long succeeded = Long(job, "status", "succeeded");
        if (LongOpt(job, "spec", "completions") is { } completions)
            return $"{succeeded}/{completions}";
        if (LongOpt(job, "spec", "parallelism") is { } parallelism && parallelism > 1)
            return $"{succeeded}/1 of {parallelism}";
        return $"{succeeded}/1";
    }

    /// <summary>Completion minus start, or time since start while running; empty before the job starts.</summary>
    public static string Duration(JsonObject job, DateTimeOffset now)
    {
        if (Time(job, "status", "startTime") is not { } start) return "";
        return HumanDuration.Format((Time(job, "status", "completionTime") ?? now) - start);
    }

    public static string JobStatus(JsonObject job)
    {
        var trueConditions = Objects(job, "status", "conditions")
            .Where(c => Str(c, "status") == "True").Select(c => Str(c, "type")).ToHashSet();
        if (trueConditions.Contains("Complete")) return "Complete";
        if (trueConditions.Contains("Failed")) return "Failed";
        if (IsDeleting(job)) return "Terminating";
        if (trueConditions.Contains("Suspended")) return "Suspended";
        if (trueConditions.Contains("FailureTarget")) return "FailureTarget";
        if (trueConditions.Contains("SuccessCriteriaMet")) return "SuccessCriteriaMet";
        return "Running";
    }
}
