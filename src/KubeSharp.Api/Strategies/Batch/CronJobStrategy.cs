using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>batch/v1 CronJobs.</summary>
public sealed class CronJobStrategy() : BuiltInStrategy(hasStatus: true)
{
    // Job names are the cronjob's name plus an 11-character suffix, and must fit a label value.
    const int MaxNameLength = 52;

    public override void Default(JsonObject obj)
    {
        var spec = Spec(obj);
        Json.Default(spec, "concurrencyPolicy", "Allow");
        Json.Default(spec, "suspend", false);
        Json.Default(spec, "successfulJobsHistoryLimit", 3);
        Json.Default(spec, "failedJobsHistoryLimit", 1);
        if (Json.Obj(spec, "jobTemplate", "spec") is { } jobSpec) PodSpecDefaults.ApplyToTemplate(jobSpec);
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var name = Json.Str(obj, "metadata", "name") ?? "";
        if (name.Length > MaxNameLength)
            errs.Add(FieldError.Invalid("metadata.name", name, NameValidation.MaxLenError(MaxNameLength)));
        var spec = Json.Obj(obj, "spec");
        var schedule = Json.Str(spec, "schedule") ?? "";
        if (schedule.Length == 0) errs.Add(FieldError.Required("spec.schedule"));
        else if (schedule.Contains("TZ", StringComparison.Ordinal))
            errs.Add(FieldError.Invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        else if (CronSchedule.Check(schedule) is { } error)
            errs.Add(FieldError.Invalid("spec.schedule", schedule, error));
        if (Json.Str(spec, "timeZone") is { } tz && !IsKnownTimeZone(tz))
            errs.Add(FieldError.Invalid("spec.timeZone", tz, "unknown time zone " + tz));
        errs.AddRange(FieldChecks.OneOf(Json.Str(spec, "concurrencyPolicy"), "spec.concurrencyPolicy", ["Allow", "Forbid", "Replace"], required: true));
        foreach (var field in (ReadOnlySpan<string>)["startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"])
            errs.AddRange(FieldChecks.NonNegative(Json.Int(spec, field), "spec." + field));
        var jobTemplate = Json.Obj(spec, "jobTemplate");
        errs.AddRange(MetadataValidation.ValidateLabelsAndAnnotations(Json.Obj(jobTemplate, "metadata"), "spec.jobTemplate.metadata"));
        errs.AddRange(JobStrategy.ValidateSpec(Json.Obj(jobTemplate, "spec"), "spec.jobTemplate.spec", selectorRequired: false));
        return errs;
    }

    static bool IsKnownTimeZone(string tz)
    {
        if (tz.Length == 0) return false;
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(tz);
            return true;
        }
        catch (TimeZoneNotFoundException) { return false; }
        catch (InvalidTimeZoneException) { return false; }
    }
}
