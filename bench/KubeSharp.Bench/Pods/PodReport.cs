using System.Globalization;
using System.Text;
using KubeSharp.Bench.Reporting;

namespace KubeSharp.Bench.Pods;

/// <summary>The pod bench's results: rows of the bench's usual table, then where the time went, phase by phase.</summary>
public static class PodReport
{
    const double TargetP50Ms = 150, TargetP99Ms = 400, TargetBurstMs = 5000;

    public static string Render(PodBenchOptions options, PodPhase? steady, PodPhase? burst,
        IReadOnlyDictionary<string, IReadOnlyList<(string Phase, double UnixMs)>> trace, string ns)
    {
        var rows = new List<ResultRow>();
        // The targets are stated for 10 pods/s and a burst of 100; other settings are reported, not judged.
        var judged = Math.Abs(options.Rate - 10) < 1e-9 && options.Count >= 100;
        if (steady is not null)
        {
            var t = Sorted(steady.StartupTicks.Select(PodPhase.Ms));
            var created = Sorted(steady.Pods.Select(p => PodPhase.Ms(p.Answered - p.Sent)));
            rows.Add(new ResultRow(
                $"pod start-up at {Num(options.Rate)}/s, create sent → observed Running", ResultRow.Number(steady.Pods.Count), $"{Num(options.Rate)}/s", "—",
                ResultRow.Ms(Rank(t, 50)), ResultRow.Ms(Rank(t, 99)), "p50 ≤ 150 ms, p99 ≤ 400 ms",
                ResultRow.Judge(judged, steady.AllRunning && Rank(t, 50) <= TargetP50Ms && Rank(t, 99) <= TargetP99Ms),
                $"p90 {ResultRow.Ms(Rank(t, 90))}, max {ResultRow.Ms(t.LastOrDefault(double.NaN))}; {t.Length} of {steady.Pods.Count} Running; "
                + $"create answered p50 {ResultRow.Ms(Rank(created, 50))}"));
        }
        if (burst is not null)
        {
            var t = Sorted(burst.StartupTicks.Select(PodPhase.Ms));
            var all = burst.AllRunningMs;
            rows.Add(new ResultRow(
                $"burst of {burst.Pods.Count} pods created at once → all Running", ResultRow.Number(burst.Pods.Count), ResultRow.Number(burst.Pods.Count),
                double.IsNaN(all) ? "—" : $"{burst.Pods.Count / (all / 1000):0.0} pods/s", ResultRow.Ms(Rank(t, 50)), ResultRow.Ms(Rank(t, 99)), "all ≤ 5 s",
                ResultRow.Judge(options.Burst == 100, burst.AllRunning && all <= TargetBurstMs),
                $"all Running {(double.IsNaN(all) ? "never" : ResultRow.Ms(all))} after the first create; last create answered after {ResultRow.Ms(burst.LastAnsweredMs)}"));
        }
        var text = new StringBuilder(MarkdownTable.Render(rows));
        text.Append('\n').Append(Breakdown(steady, burst, trace, ns));
        return text.ToString();
    }

    /// <summary>
    /// Milliseconds from create sent to the end of each phase: the client's own observations and, when the server
    /// ran with <c>KUBESHARP_POD_TRACE=1</c>, the node agent's stamps (the same machine's wall clock).
    /// </summary>
    static string Breakdown(PodPhase? steady, PodPhase? burst, IReadOnlyDictionary<string, IReadOnlyList<(string Phase, double UnixMs)>> trace, string ns)
    {
        var phases = new List<string> { "create answered (client)", "bound (client watch)" };
        foreach (var stamps in trace.Values)
            foreach (var (phase, _) in stamps)
                if (!phases.Contains("agent: " + phase)) phases.Add("agent: " + phase);
        phases.Add("observed Running (client watch)");

        Dictionary<string, double[]> Offsets(PodPhase? run)
        {
            var result = phases.ToDictionary(p => p, _ => Array.Empty<double>());
            if (run is null) return result;
            var values = phases.ToDictionary(p => p, _ => new List<double>());
            foreach (var pod in run.Pods)
            {
                values["create answered (client)"].Add(PodPhase.Ms(pod.Answered - pod.Sent));
                if (pod.Scheduled is { } s) values["bound (client watch)"].Add(PodPhase.Ms(s - pod.Sent));
                if (pod.Running is { } r) values["observed Running (client watch)"].Add(PodPhase.Ms(r - pod.Sent));
                if (!trace.TryGetValue($"{ns}/{pod.Name}", out var stamps)) continue;
                var sent = (pod.SentWall.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerMillisecond;
                foreach (var (phase, unixMs) in stamps) values["agent: " + phase].Add(unixMs - sent);
            }
            foreach (var (phase, list) in values) result[phase] = Sorted(list);
            return result;
        }

        var s = Offsets(steady);
        var b = Offsets(burst);
        var text = new StringBuilder("| phase ends (ms after create sent) | steady p50 | steady p90 | steady max | burst p50 | burst max |\n|---|---:|---:|---:|---:|---:|\n");
        foreach (var phase in phases.OrderBy(p => Rank(s[p], 50) is var m && double.IsNaN(m) ? double.MaxValue : m))
            text.Append($"| {phase} | {ResultRow.Ms(Rank(s[phase], 50))} | {ResultRow.Ms(Rank(s[phase], 90))} | {ResultRow.Ms(s[phase].LastOrDefault(double.NaN))} | "
                + $"{ResultRow.Ms(Rank(b[phase], 50))} | {ResultRow.Ms(b[phase].LastOrDefault(double.NaN))} |\n");
        if (trace.Count == 0) text.Append("\n(no agent trace: run the server with KUBESHARP_POD_TRACE=1 and pass --trace-log)\n");
        return text.ToString();
    }

    static double[] Sorted(IEnumerable<double> values)
    {
        var array = values.ToArray();
        Array.Sort(array);
        return array;
    }

    /// <summary>Nearest-rank percentile, like the rest of the bench.</summary>
    static double Rank(double[] sorted, int percent) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
