namespace KubeSharp.Controllers.CronJob.Cron;

/// <summary>
/// A standard five-field cron schedule (minute hour day-of-month month day-of-week, with lists, ranges,
/// steps and JAN-DEC / SUN-SAT names) or one of the @ macros, read in one time zone. Day of month and
/// day of week combine as the parser upstream uses does: if either is "*", both must match; otherwise
/// either may. <see cref="Next"/> finds the next minute that matches.
/// </summary>
public sealed class CronSchedule
{
    // Beyond this a schedule such as "0 0 30 2 *" is considered never to fire.
    const int SearchYears = 5;

    static readonly Dictionary<string, string> Macros = new(StringComparer.Ordinal)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    readonly ulong _minutes, _hours, _days, _months, _weekdays;
    readonly bool _dayStar, _weekdayStar;
    readonly TimeSpan? _every;

    public TimeZoneInfo Zone { get; }

    CronSchedule(TimeZoneInfo zone, ulong minutes, ulong hours, ulong days, ulong months, ulong weekdays, bool dayStar, bool weekdayStar)
    {
        Zone = zone;
        (_minutes, _hours, _days, _months, _weekdays, _dayStar, _weekdayStar) = (minutes, hours, days, months, weekdays, dayStar, weekdayStar);
    }

    CronSchedule(TimeZoneInfo zone, TimeSpan every)
    {
        Zone = zone;
        _every = every;
    }

    /// <summary>Parses <paramref name="spec"/>; throws <see cref="CronFormatException"/>.</summary>
    public static CronSchedule Parse(string spec, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Utc;
        spec = spec.Trim();
        if (spec.Length == 0) throw new CronFormatException("empty spec string");
        // The time zone belongs in spec.timeZone; a TZ= prefix is refused as the API server refuses it.
        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
            throw new CronFormatException("cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
        if (spec.StartsWith('@'))
        {
            if (Macros.TryGetValue(spec, out var expanded)) spec = expanded;
            else if (spec.StartsWith("@every ", StringComparison.Ordinal))
            {
                var text = spec["@every ".Length..].Trim();
                if (!GoDuration.TryParse(text, out var every)) throw new CronFormatException($"failed to parse duration {spec}: time: invalid duration \"{text}\"");
                // Whole seconds, at least one, as upstream's parser rounds them.
                every = TimeSpan.FromSeconds(Math.Max(1, Math.Floor(every.TotalSeconds)));
                return new CronSchedule(zone, every);
            }
            else throw new CronFormatException($"unrecognized descriptor: {spec}");
        }
        var fields = spec.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5) throw new CronFormatException($"expected exactly 5 fields, found {fields.Length}: [{string.Join(" ", fields)}]");
        return new CronSchedule(zone,
            CronField.Minute.Parse(fields[0], out _),
            CronField.Hour.Parse(fields[1], out _),
            CronField.DayOfMonth.Parse(fields[2], out var dayStar),
            CronField.Month.Parse(fields[3], out _),
            CronField.DayOfWeek.Parse(fields[4], out var weekdayStar),
            dayStar, weekdayStar);
    }

    public static bool TryParse(string spec, TimeZoneInfo? zone, out CronSchedule? schedule, out string? error)
    {
        try
        {
            schedule = Parse(spec, zone);
            error = null;
            return true;
        }
        catch (CronFormatException e)
        {
            schedule = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>The first time strictly after <paramref name="after"/> the schedule fires, or null if it never does.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        if (_every is { } every)
        {
            // Whole seconds, as the constant-delay schedule upstream uses.
            var truncated = new DateTimeOffset(after.UtcTicks - after.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
            return truncated + every;
        }
        var local = TimeZoneInfo.ConvertTime(after, Zone).DateTime;
        var t = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        var limit = t.Year + SearchYears;
        while (t.Year <= limit)
        {
            if (!Has(_months, t.Month))
            {
                t = new DateTime(t.Year, t.Month, 1).AddMonths(1);
                continue;
            }
            if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
                continue;
            }
            if (!Has(_hours, t.Hour))
            {
                t = t.Date.AddHours(t.Hour + 1);
                continue;
            }
            if (!Has(_minutes, t.Minute))
            {
                t = t.AddMinutes(1);
                continue;
            }
            // A wall-clock time skipped by a daylight-saving jump does not happen; try the following minutes.
            if (Zone.IsInvalidTime(t))
            {
                t = t.AddMinutes(1);
                continue;
            }
            var result = ToInstant(t);
            if (result > after) return result;
            t = t.AddMinutes(1);
        }
        return null;
    }

    /// <summary>An ambiguous wall-clock time (clocks going back) is taken at its first occurrence.</summary>
    DateTimeOffset ToInstant(DateTime wall)
    {
        var offset = Zone.IsAmbiguousTime(wall) ? Zone.GetAmbiguousTimeOffsets(wall).Max() : Zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }

    bool DayMatches(DateTime t)
    {
        var day = Has(_days, t.Day);
        var weekday = Has(_weekdays, (int)t.DayOfWeek);
        return _dayStar || _weekdayStar ? day && weekday : day || weekday;
    }

    static bool Has(ulong bits, int value) => (bits & (1UL << value)) != 0;
}
