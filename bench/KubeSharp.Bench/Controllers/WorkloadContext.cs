using System.Diagnostics;

namespace KubeSharp.Bench.Controllers;

/// <summary>What every phase of the workload bench uses: the API, the options, this run's name prefix and the log.</summary>
public sealed record WorkloadContext(KubeApi Api, KubeApi WatchApi, WorkloadBenchOptions Options, string Prefix, TextWriter Log)
{
    public static double Seconds(long fromTick, long toTick) => Stopwatch.GetElapsedTime(fromTick, toTick).TotalSeconds;

    /// <summary>Waits for <paramref name="task"/>, failing the phase with <paramref name="what"/> after the bench's timeout.</summary>
    public async Task<T> WithinTimeoutAsync<T>(Task<T> task, string what, CancellationToken ct)
    {
        var finished = await Task.WhenAny(task, Task.Delay(Options.Timeout, ct));
        if (finished != task) throw new TimeoutException($"{what} did not happen within {Options.Timeout.TotalSeconds:0} s");
        return await task;
    }

    /// <summary>The server's CPU seconds so far (from /metrics), to charge a phase with what it cost; NaN when unavailable.</summary>
    public async Task<double> ServerCpuSecondsAsync(CancellationToken ct) =>
        await MetricsSample.ScrapeAsync(Api, ct) is { } s ? s.CpuSeconds : double.NaN;

    /// <summary>"server CPU 1.23 s (1.2 ms per pod)" for a phase that started at <paramref name="before"/> CPU seconds.</summary>
    public async Task<string> ServerCpuNoteAsync(double before, int pods, CancellationToken ct)
    {
        var used = await ServerCpuSecondsAsync(ct) - before;
        return double.IsNaN(used) ? "server CPU unknown" : $"server CPU {used:0.00} s ({used * 1000 / pods:0.00} ms per pod)";
    }

    public async Task CreateNamespaceAsync(string name, CancellationToken ct) =>
        await Api.MustAsync(Api.PostAsync("/api/v1/namespaces", WorkloadObjects.Namespace(name), ct), $"create namespace {name}");
}
