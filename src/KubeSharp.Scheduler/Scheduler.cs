using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Events;
using KubeSharp.Scheduler.Cache;
using KubeSharp.Scheduler.Framework;
using KubeSharp.Scheduler.Queue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Scheduler;

/// <summary>
/// kube-scheduler: takes pending pods from the <see cref="SchedulingQueue"/> one at a time, runs the
/// plugins of its <see cref="Profile"/> over the cached nodes, assumes the pod onto the chosen node and
/// binds it asynchronously through the pods/binding subresource. Pods that fit nowhere get
/// <c>PodScheduled=False</c> (reason Unschedulable) and a FailedScheduling event, and wait for a change.
/// </summary>
public sealed partial class Scheduler : IAsyncDisposable
{
    public static readonly GroupVersionResource PodsResource = new("", "v1", "pods");
    public static readonly GroupVersionResource NodesResource = new("", "v1", "nodes");
    public static readonly GroupVersionResource NamespacesResource = new("", "v1", "namespaces");

    readonly IApiClient _api;
    readonly SharedInformerFactory _informers;
    readonly TimeProvider _time;
    readonly SchedulerOptions _options;
    readonly ILogger _log;
    readonly EventRecorder _events;
    readonly bool _ownsEvents;
    readonly Informer _pods;
    readonly Informer _nodes;
    readonly Informer _namespaces;
    readonly SemaphoreSlim _writeSlots;
    readonly ConcurrentDictionary<Task, byte> _writes = new();
    long _bound;
    long _unschedulable;
    long _cycleTicks;
    long _waitTicks;

    public Scheduler(IApiClient api, SharedInformerFactory informers, TimeProvider time, SchedulerOptions? options = null,
        ILoggerFactory? logs = null, EventRecorder? events = null)
    {
        _api = api;
        _informers = informers;
        _time = time;
        _options = options ?? new SchedulerOptions();
        _log = (ILogger?)logs?.CreateLogger<Scheduler>() ?? NullLogger.Instance;
        _ownsEvents = events is null;
        _events = events ?? new EventRecorder(api, new EventSource(_options.SchedulerName), time, logs?.CreateLogger<EventRecorder>(), _options.EventQueueCapacity);
        _writeSlots = new SemaphoreSlim(_options.BindParallelism);
        Queue = new SchedulingQueue(time, _options);
        _pods = informers.InformerFor(PodsResource);
        _nodes = informers.InformerFor(NodesResource);
        _namespaces = informers.InformerFor(NamespacesResource);
        Algorithm = new SchedulingAlgorithm(Profile.Default(_options.SchedulerName, NamespaceLabels), _options);
        RegisterHandlers();
    }

    public SchedulerCache Cache { get; } = new();
    public SchedulingQueue Queue { get; }
    public SchedulingAlgorithm Algorithm { get; }

    /// <summary>Pods bound so far.</summary>
    public long BoundCount => Interlocked.Read(ref _bound);

    /// <summary>Scheduling attempts that found no node.</summary>
    public long UnschedulableCount => Interlocked.Read(ref _unschedulable);

    /// <summary>Time spent in scheduling cycles (filter and score), for benchmarks.</summary>
    public TimeSpan CycleTime => TimeSpan.FromTicks(Interlocked.Read(ref _cycleTicks));

    /// <summary>Time the scheduling loop waited for a free binding slot: how much the API held it back.</summary>
    public TimeSpan WriteWaitTime => TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks));

    IReadOnlyDictionary<string, string>? NamespaceLabels(string ns) =>
        _namespaces.Lister.Get(null, ns) is { } obj ? JsonMeta.Labels(obj) : null;

    /// <summary>Starts the informers, waits for their caches, then schedules until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        _informers.Start(ct);
        await Task.WhenAll(_pods.WaitForSyncAsync(ct), _nodes.WaitForSyncAsync(ct), _namespaces.WaitForSyncAsync(ct));
        _log.Started(_options.SchedulerName, Cache.NodeCount, Queue.Count);
        using var close = ct.Register(Queue.Close);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var next = await Queue.PopAsync(ct);
                if (next is null) break;
                await ScheduleOneAsync(next, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        finally
        {
            Queue.Close();
            await Task.WhenAll(_writes.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One scheduling cycle for <paramref name="queued"/>; the binding continues in the background.</summary>
    public async Task ScheduleOneAsync(QueuedPodInfo queued, CancellationToken ct)
    {
        var pod = queued.Pod;
        if (pod.Deleting || Cache.Contains(pod.Key))
        {
            Queue.Done(pod.Key);
            return;
        }
        ScheduleOutcome outcome;
        var started = _time.GetTimestamp();
        try
        {
            outcome = Cache.Read(nodes => Algorithm.Schedule(pod, nodes));
        }
        catch (Exception e)
        {
            _log.CycleFailed(pod.Key.ToString(), e);
            Queue.AddBackoff(queued);
            return;
        }
        var scheduled = _time.GetTimestamp();
        Interlocked.Add(ref _cycleTicks, _time.GetElapsedTime(started, scheduled).Ticks);
        await _writeSlots.WaitAsync(ct);
        Interlocked.Add(ref _waitTicks, _time.GetElapsedTime(scheduled).Ticks);
        if (outcome.Host is { } host)
        {
            var assumed = pod.WithNode(host);
            Cache.AssumePod(assumed);
            Track(BindAsync(queued, assumed, ct));
        }
        else
        {
            Interlocked.Increment(ref _unschedulable);
            var plugins = outcome.FitError?.Diagnosis.UnschedulablePlugins ?? [];
            Queue.AddUnschedulable(queued, plugins);
            _log.Unschedulable(pod.Key.ToString(), outcome.FailureMessage);
            _events.Event(Involved(pod), EventTypes.Warning, "FailedScheduling", outcome.FailureMessage);
            Track(WriteConditionAsync(pod, "Unschedulable", outcome.FailureMessage, releaseSlot: true, ct));
        }
    }

    void Track(Task write)
    {
        _writes.TryAdd(write, 0);
        write.ContinueWith(t => _writes.TryRemove(t, out _), TaskScheduler.Default);
    }

    async Task BindAsync(QueuedPodInfo queued, PodInfo assumed, CancellationToken ct)
    {
        var node = assumed.NodeName!;
        try
        {
            var binding = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Binding",
                ["metadata"] = new JsonObject { ["name"] = assumed.Name, ["namespace"] = assumed.Namespace, ["uid"] = assumed.Uid },
                ["target"] = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["name"] = node },
            };
            await _api.CreateAsync(PodsResource, assumed.Namespace, binding, "binding", null, ct);
            Interlocked.Increment(ref _bound);
            Queue.Done(assumed.Key);
            _events.Event(Involved(assumed), EventTypes.Normal, "Scheduled", $"Successfully assigned {assumed.Namespace}/{assumed.Name} to {node}");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Cache.ForgetPod(assumed.Key);
        }
        catch (StatusError e) when (e.Code is 404 or 409)
        {
            // Gone, being deleted, or bound by someone else: the informer reports what became of it.
            Cache.ForgetPod(assumed.Key);
            Queue.Done(assumed.Key);
        }
        catch (Exception e)
        {
            _log.BindFailed(assumed.Key.ToString(), node, e);
            Cache.ForgetPod(assumed.Key);
            Queue.AddBackoff(queued);
        }
        finally
        {
            _writeSlots.Release();
        }
    }

    /// <summary>Sets <c>PodScheduled=False</c> with <paramref name="reason"/>, unless the pod already says exactly that.</summary>
    async Task WriteConditionAsync(PodInfo pod, string reason, string message, bool releaseSlot, CancellationToken ct)
    {
        try
        {
            var current = pod.ScheduledCondition;
            if (current is { Status: "False" } && current.Reason == reason && current.Message == message) return;
            var transition = current is { Status: "False", LastTransitionTime: { } t } ? t : _time.GetUtcNow();
            var patch = new JsonObject
            {
                ["status"] = new JsonObject
                {
                    ["conditions"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "PodScheduled",
                        ["status"] = "False",
                        ["lastProbeTime"] = null,
                        ["lastTransitionTime"] = KubeJson.FormatTime(transition),
                        ["reason"] = reason,
                        ["message"] = message,
                    }),
                },
            };
            await _api.PatchAsync(PodsResource, pod.Namespace, pod.Name, PatchType.StrategicMerge, patch.ToJsonString(), "status", null, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (StatusError e) when (e.Code == 404) { }
        catch (Exception e) { _log.ConditionFailed(pod.Key.ToString(), e); }
        finally { if (releaseSlot) _writeSlots.Release(); }
    }

    static InvolvedObject Involved(PodInfo pod) =>
        new("Pod", pod.Name) { Namespace = pod.Namespace, Uid = pod.Uid, ApiVersion = "v1" };

    public async ValueTask DisposeAsync()
    {
        Queue.Close();
        await Task.WhenAll(_writes.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_ownsEvents) await _events.DisposeAsync();
        _writeSlots.Dispose();
    }
}
