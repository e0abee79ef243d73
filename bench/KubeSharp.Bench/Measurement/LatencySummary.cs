using System.Diagnostics;

namespace KubeSharp.Bench.Measurement;

/// <summary>Latency percentiles (nearest rank) of a set of samples in <see cref="Stopwatch"/> ticks.</summary>
public sealed record LatencySummary(int Count, double P50Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary Of(ReadOnlySpan<long> ticks)
    {
        if (ticks.IsEmpty) return new LatencySummary(0, double.NaN, double.NaN, double.NaN);
        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, Ms(Rank(sorted, 50)), Ms(Rank(sorted, 99)), Ms(sorted[^1]));
    }

    static long Rank(long[] sorted, int percent)
    {
        var index = (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
