using KubeSharp.Bench.Measurement;
using KubeSharp.Bench.Reporting;

namespace KubeSharp.Bench.Workloads;

/// <summary>The table row of a closed-loop request workload.</summary>
static class CrudRows
{
    public static ResultRow Row(string workload, RunOutcome o, int workers, string target, Verdict verdict) => new(
        workload,
        ResultRow.Number(o.Count),
        workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        $"{o.PerSecond:N0}/s",
        ResultRow.Ms(o.Latency.P50Ms),
        ResultRow.Ms(o.Latency.P99Ms),
        target,
        o.Errors > 0 ? Verdict.Missed : verdict,
        Notes(o));

    static string Notes(RunOutcome o) =>
        (o.Errors > 0 ? $"{ResultRow.Number(o.Errors)} errors, first: {o.FirstError}; " : "") + $"max {ResultRow.Ms(o.Latency.MaxMs)}";

    public static void Log(TextWriter log, string workload, RunOutcome o) =>
        log.WriteLine($"  {workload}: {o.Count} in {o.Seconds:0.00} s = {o.PerSecond:N0}/s, p50 {o.Latency.P50Ms:0.00} ms, p99 {o.Latency.P99Ms:0.00} ms, max {o.Latency.MaxMs:0.0} ms, errors {o.Errors}"
            + (o.FirstError is null ? "" : $" (first: {o.FirstError})"));
}
