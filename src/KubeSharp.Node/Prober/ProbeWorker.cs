using KubeSharp.Api.Model.Core;

namespace KubeSharp.Node.Prober;

/// <summary>
/// Probes one container with one probe until stopped, with upstream's semantics: nothing before
/// <c>initialDelaySeconds</c> after the container started, one run every <c>periodSeconds</c>, and the result only
/// flips after <c>successThreshold</c> successes or <c>failureThreshold</c> failures in a row. Readiness starts as
/// failure, liveness as success; liveness and readiness wait for the startup probe. A liveness or startup failure
/// ends the worker: the container is about to be restarted under a new id.
/// </summary>
internal sealed class ProbeWorker
{
    readonly ActionRunner _runner;
    readonly TimeProvider _time;
    readonly Probe _probe;
    readonly ProbeTarget _target;
    readonly DateTimeOffset _startedAt;
    readonly Func<bool> _started;
    readonly Action<ProbeType, ProbeOutcome, bool> _report;
    ProbeResult _lastRaw = ProbeResult.Unknown;
    int _run;

    public ProbeWorker(ProbeType type, Probe probe, ProbeTarget target, DateTimeOffset startedAt, ActionRunner runner, TimeProvider time,
        Func<bool> started, Action<ProbeType, ProbeOutcome, bool> report)
    {
        Type = type;
        _probe = probe;
        _target = target;
        _startedAt = startedAt;
        _runner = runner;
        _time = time;
        _started = started;
        _report = report;
        Result = type switch
        {
            ProbeType.Liveness => ProbeResult.Success,
            ProbeType.Readiness => ProbeResult.Failure,
            _ => ProbeResult.Unknown,
        };
    }

    public ProbeType Type { get; }

    /// <summary>The thresholded result the pod worker acts on.</summary>
    public ProbeResult Result { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, _probe.PeriodSeconds ?? 10));
        var firstAt = _startedAt + TimeSpan.FromSeconds(Math.Max(0, _probe.InitialDelaySeconds ?? 0));
        try
        {
            var wait = firstAt - _time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, ct);
            while (!ct.IsCancellationRequested)
            {
                if (!await ProbeOnceAsync(ct)) return;
                await Task.Delay(period, _time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <returns>False once probing should stop.</returns>
    async Task<bool> ProbeOnceAsync(CancellationToken ct)
    {
        if (Type != ProbeType.Startup && !_started()) return true;
        var outcome = await _runner.ProbeAsync(_probe, _target, ct);
        if (ct.IsCancellationRequested) return false;
        _run = outcome.Result == _lastRaw ? _run + 1 : 1;
        _lastRaw = outcome.Result;
        var failureThreshold = Math.Max(1, _probe.FailureThreshold ?? 3);
        // Liveness and startup need one success to count (upstream validation forces successThreshold 1 for them).
        var successThreshold = Type == ProbeType.Readiness ? Math.Max(1, _probe.SuccessThreshold ?? 1) : 1;
        var changed = false;
        if (outcome.Result == ProbeResult.Failure && _run >= failureThreshold && Result != ProbeResult.Failure)
        {
            Result = ProbeResult.Failure;
            changed = true;
        }
        else if (outcome.Result == ProbeResult.Success && _run >= successThreshold && Result != ProbeResult.Success)
        {
            Result = ProbeResult.Success;
            changed = true;
        }
        _report(Type, outcome, changed);
        if (Type is ProbeType.Liveness or ProbeType.Startup && Result == ProbeResult.Failure) return false;
        if (Type == ProbeType.Startup && Result == ProbeResult.Success) return false;
        return true;
    }
}
