using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Client.LeaderElection;

/// <summary>
/// Leader election over a coordination.k8s.io/v1 Lease, as client-go's leaderelection: a candidate takes
/// the lease when it is free or has not changed for its leaseDurationSeconds (measured on the local
/// clock from when this candidate last saw it change, so clock skew between hosts does not matter),
/// then renews it every RetryPeriod; failing to renew for RenewDeadline ends its leadership.
/// </summary>
public sealed class LeaderElector(IApiClient api, LeaderElectionConfig config, TimeProvider time, ILogger? logger = null)
{
    public static readonly GroupVersionResource LeasesResource = new("coordination.k8s.io", "v1", "leases");

    readonly ILogger _logger = logger ?? NullLogger.Instance;
    readonly Random _jitter = new();
    LeaseRecord? _observed;
    DateTimeOffset _observedAt;
    volatile bool _isLeader;

    public bool IsLeader => _isLeader;

    /// <summary>The holder last seen in the lease.</summary>
    public string? ObservedLeader => _observed?.HolderIdentity;

    /// <summary>
    /// Waits to become leader, then runs <paramref name="onStartedLeading"/> with a token cancelled when
    /// leadership ends, and renews until <paramref name="ct"/> is cancelled or a renewal deadline is
    /// missed. <paramref name="onStoppedLeading"/> is called after the leading work has returned, only if
    /// leadership was held. Returns when it is over; run it again to contend anew.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> onStartedLeading, Action? onStoppedLeading, CancellationToken ct)
    {
        if (!await AcquireAsync(ct)) return;
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var work = Task.Run(() => onStartedLeading(leading.Token), CancellationToken.None);
        try
        {
            await RenewAsync(ct);
        }
        finally
        {
            _isLeader = false;
            await leading.CancelAsync();
            await work.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (ct.IsCancellationRequested && config.ReleaseOnCancel) await ReleaseAsync();
            onStoppedLeading?.Invoke();
        }
    }

    async Task<bool> AcquireAsync(CancellationToken ct)
    {
        while (true)
        {
            if (await TryAcquireOrRenewAsync(ct))
            {
                _logger.LeaseAcquired(config.Identity, config.LeaseNamespace, config.LeaseName);
                return true;
            }
            try { await Task.Delay(Jittered(config.RetryPeriod), time, ct); }
            catch (OperationCanceledException) { return false; }
        }
    }

    async Task RenewAsync(CancellationToken ct)
    {
        var lastRenew = time.GetTimestamp();
        while (true)
        {
            try { await Task.Delay(config.RetryPeriod, time, ct); }
            catch (OperationCanceledException) { return; }
            if (await TryAcquireOrRenewAsync(ct))
            {
                lastRenew = time.GetTimestamp();
                continue;
            }
            if (ct.IsCancellationRequested) return;
            if (time.GetElapsedTime(lastRenew) >= config.RenewDeadline)
            {
                _logger.LeaseLost(config.Identity, config.LeaseNamespace, config.LeaseName);
                return;
            }
        }
    }

    TimeSpan Jittered(TimeSpan period) => period * (1 + _jitter.NextDouble() * 1.2);

    /// <summary>One attempt; any failure (conflict, lease held by another, transport error) is false.</summary>
    async Task<bool> TryAcquireOrRenewAsync(CancellationToken ct)
    {
        // A hung call must not keep a leader believing it still leads past its deadline.
        using var deadline = new CancellationTokenSource(config.RenewDeadline, time);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            var ok = await AttemptAsync(call.Token);
            _isLeader = ok;
            return ok;
        }
        catch (Exception e) when (e is StatusError or HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            _logger.LeaseAttemptFailed(config.Identity, config.LeaseNamespace, config.LeaseName, e);
            _isLeader = false;
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    async Task<bool> AttemptAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        JsonObject lease;
        try
        {
            lease = await api.GetAsync(LeasesResource, config.LeaseNamespace, config.LeaseName, null, ct);
        }
        catch (StatusError e) when (e.Code == 404)
        {
            var record = new LeaseRecord(config.Identity, LeaseRecord.Seconds(config.LeaseDuration), LeaseRecord.MicroTime(now), LeaseRecord.MicroTime(now), 0);
            var created = new JsonObject
            {
                ["apiVersion"] = "coordination.k8s.io/v1",
                ["kind"] = "Lease",
                ["metadata"] = new JsonObject { ["name"] = config.LeaseName, ["namespace"] = config.LeaseNamespace },
                ["spec"] = record.ToSpec(),
            };
            await api.CreateAsync(LeasesResource, config.LeaseNamespace, created, null, null, ct);
            Observe(record, now);
            return true;
        }

        var current = LeaseRecord.Read(lease);
        if (current != _observed) Observe(current, now);

        var heldByOther = current.HolderIdentity.Length > 0 && current.HolderIdentity != config.Identity;
        if (heldByOther && _observedAt + TimeSpan.FromSeconds(current.LeaseDurationSeconds) > now) return false;

        var mine = current.HolderIdentity == config.Identity;
        var next = new LeaseRecord(
            config.Identity,
            LeaseRecord.Seconds(config.LeaseDuration),
            mine ? current.AcquireTime : LeaseRecord.MicroTime(now),
            LeaseRecord.MicroTime(now),
            mine ? current.LeaseTransitions : current.LeaseTransitions + 1);
        lease["spec"] = next.ToSpec();
        await api.UpdateAsync(LeasesResource, config.LeaseNamespace, lease, null, null, ct);
        Observe(next, now);
        return true;
    }

    void Observe(LeaseRecord record, DateTimeOffset at)
    {
        _observed = record;
        _observedAt = at;
    }

    /// <summary>Empties the holder so a successor can take over at once; best effort.</summary>
    async Task ReleaseAsync()
    {
        using var call = new CancellationTokenSource(config.RenewDeadline, time);
        try
        {
            var lease = await api.GetAsync(LeasesResource, config.LeaseNamespace, config.LeaseName, null, call.Token);
            var current = LeaseRecord.Read(lease);
            if (current.HolderIdentity != config.Identity) return;
            var now = LeaseRecord.MicroTime(time.GetUtcNow());
            lease["spec"] = new LeaseRecord("", 1, now, now, current.LeaseTransitions).ToSpec();
            await api.UpdateAsync(LeasesResource, config.LeaseNamespace, lease, null, null, call.Token);
        }
        catch (Exception e) when (e is StatusError or HttpRequestException or IOException or OperationCanceledException)
        {
            _logger.LeaseAttemptFailed(config.Identity, config.LeaseNamespace, config.LeaseName, e);
        }
    }
}
