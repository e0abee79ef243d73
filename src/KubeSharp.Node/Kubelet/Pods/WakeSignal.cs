namespace KubeSharp.Node.Kubelet.Pods;

/// <summary>An auto-reset wake-up for a worker loop: any number of <see cref="Set"/> calls wake one wait.</summary>
internal sealed class WakeSignal
{
    readonly Lock _lock = new();
    TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set()
    {
        lock (_lock) _next.TrySetResult();
    }

    /// <returns>True when woken by <see cref="Set"/>, false on timeout.</returns>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        Task signal;
        lock (_lock) signal = _next.Task;
        if (!signal.IsCompleted && timeout > TimeSpan.Zero)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(timeout, time, cts.Token);
            await Task.WhenAny(signal, delay);
            await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }
        lock (_lock)
        {
            if (!_next.Task.IsCompleted) return false;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }
}
