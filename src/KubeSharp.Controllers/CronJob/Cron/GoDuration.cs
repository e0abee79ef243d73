using System.Globalization;

namespace KubeSharp.Controllers.CronJob.Cron;

/// <summary>Go's duration syntax as "@every" takes it: one or more decimal numbers each with a unit (ns, us, µs, ms, s, m, h).</summary>
static class GoDuration
{
    static readonly (string Unit, double Seconds)[] Units =
        [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)];

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text.Length == 0) return false;
        double seconds = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            if (i == start || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return false;
            var unit = Units.Where(u => string.CompareOrdinal(text, i, u.Unit, 0, u.Unit.Length) == 0).OrderByDescending(u => u.Unit.Length).FirstOrDefault();
            if (unit.Unit is null) return false;
            i += unit.Unit.Length;
            seconds += number * unit.Seconds;
        }
        value = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
