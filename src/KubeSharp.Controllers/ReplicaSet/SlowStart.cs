namespace KubeSharp.Controllers.ReplicaSet;

/// <summary>
/// Upstream's slowStartBatch: runs <c>count</c> calls in batches of 1, 2, 4, … in parallel, stopping after
/// the first batch with a failure, so a failing create (quota, admission) costs one call, not hundreds.
/// </summary>
public static class SlowStart
{
    /// <returns>How many calls succeeded, and the first failure if any.</returns>
    public static async Task<(int Successes, Exception? Error)> RunAsync(int count, int initialBatchSize, Func<CancellationToken, Task> call, CancellationToken ct)
    {
        var remaining = count;
        var successes = 0;
        for (var batch = Math.Min(remaining, initialBatchSize); batch > 0; batch = Math.Min(2 * batch, remaining))
        {
            var results = await Task.WhenAll(Enumerable.Range(0, batch).Select(async _ =>
            {
                try
                {
                    await call(ct);
                    return null;
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    return e;
                }
            }));
            var failed = results.FirstOrDefault(e => e is not null);
            successes += results.Count(e => e is null);
            if (failed is not null) return (successes, failed);
            remaining -= batch;
        }
        return (successes, null);
    }
}
