using System.Diagnostics;
using KubeSharp.Bench.Http;

namespace KubeSharp.Bench.Pods;

/// <summary>
/// Pod start-up latency as upstream's SLI defines it (image already on the node, measured to observed Running), from
/// the client: t0 is the moment the create request is sent, t1 the arrival of the first watch event showing the pod
/// Running with its container running. A steady phase creates pods at a fixed rate; a burst phase creates them all
/// at once. Each phase's pods are deleted, and the node is clean again, before the next begins.
/// </summary>
public sealed class PodStartupWorkload(PodApi api, PodBenchOptions options, string ns, TextWriter log)
{
    readonly PodWatch _watch = new(api, ns);

    public async Task<(PodPhase? Steady, PodPhase? Burst)> RunAsync(CancellationToken ct)
    {
        await SetUpAsync(ct);
        using var stopWatch = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listed = await api.ListPodsAsync(ns, ct);
        Ensure(listed, "list pods");
        var watching = Task.Run(() => _watch.RunAsync(ResponseFields.ResourceVersion(listed.Body), opened, stopWatch.Token), CancellationToken.None);
        await opened.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        try
        {
            // Untimed: the first pods pay for JIT on both sides and for first-use set-up on the node.
            var warmUp = await CreateAllAsync("warm-up", 3, ct);
            if (!await WaitRunningAsync(warmUp, ct)) throw new TimeoutException("the warm-up pods did not start; see the server log");
            await DeleteAllAsync(ct);
            log.WriteLine("  warm-up: 3 pods Running and deleted");

            var steady = await SteadyAsync(ct);
            await DeleteAllAsync(ct);
            PodPhase? burst = null;
            if (options.Burst > 0)
            {
                burst = await BurstAsync(ct);
                await HoldAsync(ct);
                await DeleteAllAsync(ct);
            }
            return (steady, burst);
        }
        finally
        {
            await stopWatch.CancelAsync();
            await watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async Task TearDownAsync(CancellationToken ct)
    {
        await api.DeletePodsAsync(ns, ct);
        await WaitGoneAsync(ct);
        await api.DeleteNamespaceAsync(ns, ct);
    }

    async Task SetUpAsync(CancellationToken ct) => Ensure(await api.CreateNamespaceAsync(ns, ct), $"create namespace {ns}");

    async Task<PodPhase> SteadyAsync(CancellationToken ct)
    {
        var pods = Enumerable.Range(0, options.Count).Select(i => new PodTimeline($"steady-{i:D4}")).ToList();
        var started = Stopwatch.GetTimestamp();
        var creates = new List<Task>();
        for (var i = 0; i < pods.Count; i++)
        {
            // Open loop: each create leaves at its tick whether or not earlier ones have been answered.
            var due = started + (long)(i / options.Rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            creates.Add(CreateAsync(pods[i], ct));
        }
        await Task.WhenAll(creates);
        await WaitRunningAsync(pods, ct);
        var phase = new PodPhase("steady", pods, started);
        log.WriteLine($"  steady: {pods.Count} pods at {options.Rate}/s, {pods.Count(p => p.Running is not null)} Running");
        return phase;
    }

    async Task<PodPhase> BurstAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var pods = await CreateAllAsync("burst", options.Burst, ct);
        await WaitRunningAsync(pods, ct);
        var phase = new PodPhase("burst", pods, started);
        log.WriteLine($"  burst: {pods.Count} pods, all Running after {phase.AllRunningMs:0} ms");
        return phase;
    }

    async Task HoldAsync(CancellationToken ct)
    {
        if (options.Hold <= 0) return;
        if (options.HoldSignal is { } signal) await File.WriteAllTextAsync(signal, "holding\n", ct);
        log.WriteLine($"  holding the burst pods for {options.Hold} s");
        await Task.Delay(TimeSpan.FromSeconds(options.Hold), ct);
        if (options.HoldSignal is { } done) File.Delete(done);
    }

    async Task<List<PodTimeline>> CreateAllAsync(string prefix, int count, CancellationToken ct)
    {
        var pods = Enumerable.Range(0, count).Select(i => new PodTimeline($"{prefix}-{i:D4}")).ToList();
        await Task.WhenAll(pods.Select(p => CreateAsync(p, ct)));
        return pods;
    }

    async Task CreateAsync(PodTimeline pod, CancellationToken ct)
    {
        _watch.Track(pod);
        pod.SentWall = DateTimeOffset.UtcNow;
        pod.Sent = Stopwatch.GetTimestamp();
        var response = await api.CreatePodAsync(ns, pod.Name, options.Image, ct);
        pod.Answered = Stopwatch.GetTimestamp();
        Ensure(response, $"create pod {pod.Name}");
    }

    async Task<bool> WaitRunningAsync(IReadOnlyList<PodTimeline> pods, CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(pods.Select(p => p.RunningTask)).WaitAsync(options.Timeout, ct);
            return true;
        }
        catch (TimeoutException)
        {
            log.WriteLine($"  {pods.Count(p => p.Running is null)} of {pods.Count} pods not Running after {options.Timeout.TotalSeconds:0} s");
            return false;
        }
    }

    async Task DeleteAllAsync(CancellationToken ct)
    {
        Ensure(await api.DeletePodsAsync(ns, ct), "delete pods");
        await WaitGoneAsync(ct);
    }

    /// <summary>Until the namespace has no pods left: the agent deletes each object only after cleaning up after it.</summary>
    async Task WaitGoneAsync(CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var list = await api.ListPodsAsync(ns, ct);
            if (list.IsSuccess && ResponseFields.ItemCount(list.Body) == 0) return;
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"pods in {ns} still there {options.Timeout.TotalSeconds:0} s after deletion");
            await Task.Delay(100, ct);
        }
    }

    static void Ensure(ApiResponse response, string what)
    {
        if (!response.IsSuccess) throw new InvalidDataException($"{what}: HTTP {response.Status}: {ResponseFields.Excerpt(response.Body)}");
    }
}
