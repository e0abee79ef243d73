using System.Diagnostics;
using KubeSharp.Bench.Http;

namespace KubeSharp.Bench.Measurement;

/// <summary>What a batch of timed requests came to.</summary>
public sealed record RunOutcome(int Count, int Errors, double Seconds, LatencySummary Latency, string? FirstError)
{
    public double PerSecond => Count / Seconds;
}

/// <summary>
/// Closed loop: each worker sends its next request as soon as the previous one is answered, so the
/// throughput is what the server sustains at that concurrency and the latency is what each caller sees.
/// </summary>
public static class ClosedLoopRunner
{
    /// <param name="operation">Request number <c>i</c> (0 ≤ i &lt; count), timed from call to full response.</param>
    /// <param name="check">Whether a response counts as a success; non-2xx responses never do.</param>
    public static async Task<RunOutcome> RunAsync(int count, int workers, Func<int, CancellationToken, Task<ApiResponse>> operation,
        CancellationToken ct, Action<int, ApiResponse>? check = null)
    {
        var latencies = new long[count];
        var next = -1;
        var errors = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var start = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    var response = await operation(i, ct);
                    latencies[i] = Stopwatch.GetTimestamp() - start;
                    error = response.IsSuccess ? null : $"HTTP {response.Status}: {ResponseFields.Excerpt(response.Body)}";
                    if (error is null) check?.Invoke(i, response);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidDataException or System.Text.Json.JsonException)
                {
                    latencies[i] = Stopwatch.GetTimestamp() - start;
                    error = $"{e.GetType().Name}: {e.Message}";
                }
                if (error is not null)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }
        }, ct)).ToArray();
        await Task.WhenAll(tasks);
        clock.Stop();
        return new RunOutcome(count, errors, clock.Elapsed.TotalSeconds, LatencySummary.Of(latencies), firstError);
    }
}
