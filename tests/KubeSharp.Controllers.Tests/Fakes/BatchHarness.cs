using System.Globalization;
using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Events;
using KubeSharp.Controllers.CronJob;
using KubeSharp.Controllers.Job;
using KubeSharp.Controllers.TtlAfterFinished;
using Microsoft.Extensions.Logging.Abstractions;
using KubeSharp.Testing;

namespace KubeSharp.Controllers.Tests.Fakes;

/// <summary>
/// The batch controllers over <see cref="BatchFakeApi"/> with real informers and a manual clock. Tests
/// call the controllers' SyncAsync directly and <see cref="SettleAsync"/> between steps, which waits until
/// every informer (and the controllers' handlers) has seen every change.
/// </summary>
public sealed class BatchHarness : IAsyncDisposable
{
    static readonly GroupVersionResource[] Watched = [BatchNames.Jobs, BatchNames.Pods, BatchNames.CronJobs];
    public static readonly GroupVersionResource Events = new("", "v1", "events");

    readonly CancellationTokenSource _stop = new();
    readonly Dictionary<GroupVersionResource, long> _seen = [];
    readonly Lock _gate = new();

    public ManualTimeProvider Clock { get; }
    public BatchFakeApi Api { get; }
    public SharedInformerFactory Informers { get; }
    public EventRecorder Recorder { get; }
    public JobController Jobs { get; }
    public CronJobController CronJobs { get; }
    public TtlAfterFinishedController Ttl { get; }

    BatchHarness(DateTimeOffset? start)
    {
        Clock = start is { } s ? new ManualTimeProvider(s) : new ManualTimeProvider();
        Api = new BatchFakeApi(Clock);
        Informers = new SharedInformerFactory(Api, Clock);
        Recorder = new EventRecorder(Api, new EventSource("test"), Clock);
        Jobs = new JobController(Api, Informers, Clock, NullLogger.Instance, Recorder);
        CronJobs = new CronJobController(Api, Informers, Clock, NullLogger.Instance, Recorder);
        Ttl = new TtlAfterFinishedController(Api, Informers, Clock, NullLogger.Instance);
        foreach (var gvr in Watched)
        {
            var resource = gvr;
            void Saw(JsonObject o)
            {
                if (long.TryParse(JsonMeta.ResourceVersion(o), NumberStyles.None, CultureInfo.InvariantCulture, out var rv))
                    lock (_gate) _seen[resource] = Math.Max(_seen.GetValueOrDefault(resource), rv);
            }
            Informers.InformerFor(gvr).AddEventHandler(onAdd: Saw, onUpdate: (_, o) => Saw(o), onDelete: Saw);
        }
    }

    public static async Task<BatchHarness> StartAsync(DateTimeOffset? start = null)
    {
        var h = new BatchHarness(start);
        h.Informers.Start(h._stop.Token);
        await h.Informers.WaitForCacheSyncAsync(h._stop.Token).WaitAsync(TimeSpan.FromSeconds(10));
        return h;
    }

    /// <summary>Waits until every informer has delivered every change made so far.</summary>
    public async Task SettleAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var behind = Watched.Where(g =>
            {
                var last = Api.LastRevision(g);
                lock (_gate) return last > _seen.GetValueOrDefault(g);
            }).ToList();
            if (behind.Count == 0) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"informers did not catch up on {string.Join(", ", behind)}");
            await Task.Delay(5);
        }
    }

    public async Task SyncJobAsync(string ns, string name)
    {
        await SettleAsync();
        await Jobs.SyncAsync(new NamespacedName(ns, name), CancellationToken.None);
        await SettleAsync();
    }

    public async Task SyncCronJobAsync(string ns, string name)
    {
        await SettleAsync();
        await CronJobs.SyncAsync(new NamespacedName(ns, name), CancellationToken.None);
        await SettleAsync();
    }

    /// <summary>Events recorded so far with <paramref name="reason"/>, waiting briefly for the recorder to write them.</summary>
    public async Task<IReadOnlyList<JsonObject>> EventsAsync(string reason, int atLeast = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            var found = Api.All(Events).Where(e => (string?)e["reason"] == reason).ToList();
            if (found.Count >= atLeast || DateTime.UtcNow > deadline) return found;
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Recorder.DisposeAsync();
        await Informers.DisposeAsync();
        _stop.Dispose();
    }
}
