using System.Globalization;

namespace KubeSharp.Controllers.CronJob.Cron;

/// <summary>One of the five fields: its bounds, its names (months, weekdays), and how one field's text becomes a bit set.</summary>
sealed record CronField(string Name, int Min, int Max, IReadOnlyList<string>? Names = null, int NameBase = 0)
{
    public static readonly CronField Minute = new("minute", 0, 59);
    public static readonly CronField Hour = new("hour", 0, 23);
    public static readonly CronField DayOfMonth = new("day of month", 1, 31);
    public static readonly CronField Month = new("month", 1, 12, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1);
    public static readonly CronField DayOfWeek = new("day of week", 0, 6, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]);

    /// <summary>
    /// Parses a comma-separated list of ranges into a bit per allowed value. <paramref name="star"/> is set
    /// when the field is unrestricted ("*", "?" or "*/1"), which changes how day of month and day of week combine.
    /// </summary>
    public ulong Parse(string text, out bool star)
    {
        ulong bits = 0;
        star = false;
        foreach (var range in text.Split(','))
        {
            bits |= ParseRange(range, out var rangeStar);
            star |= rangeStar;
        }
        return bits;
    }

    ulong ParseRange(string expr, out bool star)
    {
        star = false;
        var rangeAndStep = expr.Split('/');
        var lowAndHigh = rangeAndStep[0].Split('-');
        var single = lowAndHigh.Length == 1;
        int start, end;
        if (lowAndHigh[0] is "*" or "?")
        {
            (start, end) = (Min, Max);
            star = true;
        }
        else
        {
            start = Number(lowAndHigh[0]);
            end = lowAndHigh.Length switch
            {
                1 => start,
                2 => Number(lowAndHigh[1]),
                _ => throw new CronFormatException($"too many hyphens: {expr}"),
            };
        }
        var step = 1;
        switch (rangeAndStep.Length)
        {
            case 1:
                break;
            case 2:
                step = Integer(rangeAndStep[1]);
                // "N/step" means from N to the end of the field.
                if (single) end = Max;
                if (step > 1) star = false;
                break;
            default:
                throw new CronFormatException($"too many slashes: {expr}");
        }
        if (start < Min) throw new CronFormatException($"beginning of range ({start}) below minimum ({Min}): {expr}");
        if (end > Max) throw new CronFormatException($"end of range ({end}) above maximum ({Max}): {expr}");
        if (start > end) throw new CronFormatException($"beginning of range ({start}) beyond end of range ({end}): {expr}");
        if (step <= 0) throw new CronFormatException($"step of range should be a positive number: {expr}");
        ulong bits = 0;
        for (var i = start; i <= end; i += step) bits |= 1UL << i;
        return bits;
    }

    int Number(string text)
    {
        if (Names is not null)
        {
            var i = IndexOfName(text.ToLowerInvariant());
            if (i >= 0) return i + NameBase;
        }
        return Integer(text);
    }

    int IndexOfName(string lower)
    {
        for (var i = 0; i < Names!.Count; i++)
            if (Names[i] == lower) return i;
        return -1;
    }

    static int Integer(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new CronFormatException($"failed to parse int from {text}: strconv.Atoi: parsing \"{text}\": invalid syntax");
}
