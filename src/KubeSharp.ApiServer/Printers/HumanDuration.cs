using System.Globalization;

namespace KubeSharp.ApiServer.Printers;

/// <summary>Durations as kubectl shows them (upstream's duration.HumanDuration): 5s, 3m2s, 2d3h, 3y45d.</summary>
public static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        // Truncation toward zero, as Go's int(d.Seconds()); up to a second in the future still reads "0s".
        long seconds = (long)d.TotalSeconds;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return Inv($"{seconds}s");

        long minutes = seconds / 60;
        if (minutes < 10)
        {
            long s = seconds % 60;
            return s == 0 ? Inv($"{minutes}m") : Inv($"{minutes}m{s}s");
        }
        if (minutes < 60 * 3) return Inv($"{minutes}m");

        long hours = minutes / 60;
        if (hours < 8)
        {
            long m = minutes % 60;
            return m == 0 ? Inv($"{hours}h") : Inv($"{hours}h{m}m");
        }
        if (hours < 48) return Inv($"{hours}h");
        if (hours < 24 * 8)
        {
            long h = hours % 24;
            return h == 0 ? Inv($"{hours / 24}d") : Inv($"{hours / 24}d{h}h");
        }
        if (hours < 24 * 365 * 2) return Inv($"{hours / 24}d");
        if (hours < 24 * 365 * 8)
        {
            long dy = hours / 24 % 365;
            return dy == 0 ? Inv($"{hours / 24 / 365}y") : Inv($"{hours / 24 / 365}y{dy}d");
        }
        return Inv($"{hours / 24 / 365}y");
    }

    /// <summary>Time since <paramref name="timestamp"/>; <c>&lt;unknown&gt;</c> when it is missing.</summary>
    public static string Since(DateTimeOffset? timestamp, DateTimeOffset now) =>
        timestamp is { } t ? Format(now - t) : "<unknown>";

    static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
