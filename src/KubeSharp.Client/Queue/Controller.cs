using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Client.Queue;

/// <summary>
/// Runs workers over a <see cref="WorkQueue{TKey}"/>: each takes a key, reconciles it, forgets its
/// back-off on success and re-queues it rate-limited on failure.
/// </summary>
public sealed class Controller<TKey>(string name, WorkQueue<TKey> queue, Func<TKey, CancellationToken, Task> reconcile, ILogger? logger = null)
    where TKey : notnull
{
    readonly ILogger _logger = logger ?? NullLogger.Instance;

    public string Name => name;

    public WorkQueue<TKey> Queue => queue;

    /// <summary>Runs <paramref name="workers"/> workers until <paramref name="ct"/> is cancelled, then shuts the queue down.</summary>
    public async Task RunAsync(int workers, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        using var shutdown = ct.Register(queue.ShutDown);
        var running = new Task[workers];
        for (var i = 0; i < workers; i++)
            running[i] = Task.Run(async () =>
            {
                while (await ProcessNextAsync(ct)) { }
            }, CancellationToken.None);
        try
        {
            await Task.WhenAll(running);
        }
        finally
        {
            // Also here: the registration may be disposed before its callback got to run.
            queue.ShutDown();
        }
    }

    /// <summary>Takes and reconciles one key; false when the queue is shut down or <paramref name="ct"/> cancelled.</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken ct)
    {
        TKey key;
        try
        {
            (key, var shutDown) = await queue.GetAsync(ct);
            if (shutDown) return false;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
        try
        {
            if (ct.IsCancellationRequested) return false;
            await reconcile(key, ct);
            queue.Forget(key);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            _logger.ReconcileFailed(name, key.ToString() ?? "", e);
            queue.AddRateLimited(key);
        }
        finally
        {
            queue.Done(key);
        }
        return true;
    }
}
