using KubeSharp.Controllers.CronJob.Cron;
using CronJobModel = KubeSharp.Api.Model.Batch.CronJob;

namespace KubeSharp.Controllers.CronJob;

public enum MissedSchedules { None, Few, Many }

/// <summary>The most recent due run of a cron job and how many runs were missed since the last one, as upstream counts them.</summary>
public sealed record DueRun(DateTimeOffset Earliest, DateTimeOffset? MostRecent, MissedSchedules Missed, long MissedCount);

/// <summary>Upstream's schedule arithmetic for cron jobs: which run is due now, and when to look again.</summary>
public static class ScheduleTimes
{
    /// <summary>More missed runs than this and the controller refuses to start one.</summary>
    public const int MaxMissedSchedules = 100;

    /// <summary>A little after the due time, so the sync that wakes up finds the run due.</summary>
    public static readonly TimeSpan NextScheduleDelta = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The latest run due at or before <paramref name="now"/> since the last scheduled run (or creation),
    /// counting no further back than startingDeadlineSeconds when <paramref name="withDeadline"/>.
    /// Throws <see cref="CronFormatException"/> for a schedule whose runs are less than a second apart
    /// (which is how an impossible date such as Feb 31 shows up).
    /// </summary>
    public static DueRun MostRecent(CronJobModel cj, DateTimeOffset now, CronSchedule schedule, bool withDeadline)
    {
        var earliest = cj.Status?.LastScheduleTime ?? cj.Metadata.CreationTimestamp ?? now;
        if (withDeadline && cj.Spec?.StartingDeadlineSeconds is { } deadline)
        {
            var notBefore = now - TimeSpan.FromSeconds(deadline);
            if (notBefore > earliest) earliest = notBefore;
        }
        if (schedule.Next(earliest) is not { } t1 || now < t1) return new DueRun(earliest, null, MissedSchedules.None, 0);
        if (schedule.Next(t1) is not { } t2 || now < t2) return new DueRun(earliest, t1, MissedSchedules.None, 0);

        var between = (long)Math.Round((t2 - t1).TotalSeconds);
        if (between < 1) throw new CronFormatException("time difference between two schedules is less than 1 second");
        // Estimate how many runs fit between the first missed one and now, then walk the last few exactly.
        var missed = (long)(now - t1).TotalSeconds / between + 1;
        DateTimeOffset? mostRecent = null;
        for (var t = schedule.Next(t1 + TimeSpan.FromSeconds((missed - 2) * between)); t is { } due && due <= now; t = schedule.Next(due))
            mostRecent = due;
        var kind = missed > MaxMissedSchedules ? MissedSchedules.Many : MissedSchedules.Few;
        return new DueRun(earliest, mostRecent, kind, missed);
    }

    /// <summary>How long until the next run is due (plus a small delta), or null when the schedule never fires again.</summary>
    public static TimeSpan? UntilNext(CronJobModel cj, DateTimeOffset now, CronSchedule schedule)
    {
        DueRun due;
        try { due = MostRecent(cj, now, schedule, withDeadline: false); }
        catch (CronFormatException) { return null; }
        var from = due.MostRecent ?? (due.Missed == MissedSchedules.None ? due.Earliest : now);
        return schedule.Next(from) is { } next ? next + NextScheduleDelta - now : null;
    }
}
