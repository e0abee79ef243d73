using System.Globalization;

namespace KubeSharp.Api.Strategies;

/// <summary>
/// Syntax check of a cron schedule as the standard five-field parser upstream uses accepts it: minute,
/// hour, day of month, month, day of week, or one of the @ macros. Errors are worded like that parser's.
/// </summary>
public static class CronSchedule
{
    static readonly string[] Macros = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
    static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    static readonly (int Min, int Max, string[]? Names, int NameBase)[] Fields =
    [
        (0, 59, null, 0), (0, 23, null, 0), (1, 31, null, 0), (1, 12, MonthNames, 1), (0, 6, DayNames, 0),
    ];

    /// <summary>The parse error, or null when <paramref name="schedule"/> is valid.</summary>
    public static string? Check(string schedule)
    {
        var spec = schedule.Trim();
        if (spec.Length == 0) return "empty spec string";
        if (spec.StartsWith('@'))
        {
            if (Macros.Contains(spec, StringComparer.Ordinal)) return null;
            if (spec.StartsWith("@every ", StringComparison.Ordinal))
                return IsGoDuration(spec["@every ".Length..]) ? null : $"failed to parse duration {spec}";
            return $"unrecognized descriptor: {spec}";
        }
        var fields = spec.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5) return $"expected exactly 5 fields, found {fields.Length}: [{string.Join(" ", fields)}]";
        for (int i = 0; i < 5; i++)
            foreach (var part in fields[i].Split(','))
                if (CheckRange(part, Fields[i]) is { } error) return error;
        return null;
    }

    static string? CheckRange(string expr, (int Min, int Max, string[]? Names, int NameBase) field)
    {
        var slash = expr.Split('/');
        if (slash.Length > 2) return $"too many slashes: {expr}";
        var range = slash[0].Split('-');
        if (range.Length > 2) return $"too many hyphens: {expr}";
        int start, end;
        if (range[0] is "*" or "?")
        {
            if (range.Length > 1) return $"too many hyphens: {expr}";
            (start, end) = (field.Min, field.Max);
        }
        else
        {
            if (Number(range[0], field) is not { } s) return $"failed to parse int from {range[0]}";
            start = s;
            if (range.Length == 2)
            {
                if (Number(range[1], field) is not { } e) return $"failed to parse int from {range[1]}";
                end = e;
            }
            else end = start;
        }
        if (slash.Length == 2)
        {
            if (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out var step)) return $"failed to parse int from {slash[1]}";
            if (step <= 0) return $"step of range should be a positive number: {expr}";
        }
        if (start < field.Min) return $"beginning of range ({start}) below minimum ({field.Min}): {expr}";
        if (end > field.Max) return $"end of range ({end}) above maximum ({field.Max}): {expr}";
        if (start > end) return $"beginning of range ({start}) beyond end of range ({end}): {expr}";
        return null;
    }

    static int? Number(string s, (int Min, int Max, string[]? Names, int NameBase) field)
    {
        if (field.Names is { } names)
        {
            var i = Array.IndexOf(names, s.ToLowerInvariant());
            if (i >= 0) return i + field.NameBase;
        }
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    static bool IsGoDuration(string s)
    {
        // Go durations: one or more decimal numbers each with a unit (ns, us, µs, ms, s, m, h).
        var units = new[] { "ns", "us", "µs", "ms", "s", "m", "h" };
        s = s.Trim();
        if (s.Length == 0) return false;
        int i = 0;
        while (i < s.Length)
        {
            int start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == start) return false;
            var unit = units.Where(u => string.CompareOrdinal(s, i, u, 0, u.Length) == 0).OrderByDescending(u => u.Length).FirstOrDefault();
            if (unit is null) return false;
            i += unit.Length;
        }
        return true;
    }
}
