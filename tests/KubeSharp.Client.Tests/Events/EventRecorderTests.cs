using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Client.Events;
using KubeSharp.Client.Tests.Fakes;
using KubeSharp.Testing;

namespace KubeSharp.Client.Tests.Events;

public sealed class EventRecorderTests
{
    readonly FakeApiClient _api = new();
    readonly ManualTimeProvider _time = new();

    static readonly InvolvedObject Pod = new("Pod", "web-1") { Namespace = "prod", Uid = "u-1", ApiVersion = "v1", ResourceVersion = "7" };

    IReadOnlyList<JsonObject> Events() => _api.StoredAll(EventRecorder.EventsResource);

    [Fact]
    public async Task Records_an_event_with_the_upstream_shape()
    {
        await using (var recorder = new EventRecorder(_api, new EventSource("kubelet", "node-1"), _time))
            recorder.Event(Pod, EventTypes.Warning, "BackOff", "Back-off restarting failed container");

        var ev = Assert.Single(Events());
        Assert.Matches(@"^web-1\.[0-9a-f]{16}$", JsonMeta.Name(ev));
        Assert.Equal("prod", JsonMeta.Namespace(ev));
        Assert.Equal("Event", ev["kind"]!.GetValue<string>());
        Assert.Equal("Pod", ev["involvedObject"]!["kind"]!.GetValue<string>());
        Assert.Equal("u-1", ev["involvedObject"]!["uid"]!.GetValue<string>());
        Assert.Equal("7", ev["involvedObject"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("Warning", ev["type"]!.GetValue<string>());
        Assert.Equal("BackOff", ev["reason"]!.GetValue<string>());
        Assert.Equal("kubelet", ev["source"]!["component"]!.GetValue<string>());
        Assert.Equal("node-1", ev["source"]!["host"]!.GetValue<string>());
        Assert.Equal(1, ev["count"]!.GetValue<int>());
        Assert.Equal("2025-01-01T00:00:00Z", ev["firstTimestamp"]!.GetValue<string>());
    }

    [Fact]
    public async Task Identical_events_patch_count_and_lastTimestamp_of_the_first()
    {
        await using (var recorder = new EventRecorder(_api, new EventSource("deployment-controller"), _time))
        {
            recorder.Event(Pod, EventTypes.Normal, "Scaled", "scaled to 3");
            await Eventually.Until(() => Events().Count == 1);
            _time.Advance(TimeSpan.FromSeconds(30));
            // A newer resource version of the same object is still the same event.
            recorder.Event(Pod with { ResourceVersion = "8" }, EventTypes.Normal, "Scaled", "scaled to 3");
            recorder.Event(Pod, EventTypes.Normal, "Scaled", "scaled to 3");
            recorder.Event(Pod, EventTypes.Normal, "Scaled", "scaled to 4");
        }

        Assert.Equal(2, _api.Calls.Count(c => c.Verb == "create"));
        Assert.Equal(2, _api.Calls.Count(c => c.Verb == "patch:StrategicMerge"));
        var events = Events();
        var repeated = Assert.Single(events, e => e["message"]!.GetValue<string>() == "scaled to 3");
        Assert.Equal(3, repeated["count"]!.GetValue<int>());
        Assert.Equal("2025-01-01T00:00:00Z", repeated["firstTimestamp"]!.GetValue<string>());
        Assert.Equal("2025-01-01T00:00:30Z", repeated["lastTimestamp"]!.GetValue<string>());
        Assert.Equal(1, events.Single(e => e["message"]!.GetValue<string>() == "scaled to 4")["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_repeat_of_a_deleted_event_creates_it_again()
    {
        await using (var recorder = new EventRecorder(_api, new EventSource("c"), _time))
        {
            recorder.Event(Pod, EventTypes.Normal, "R", "m");
            await Eventually.Until(() => Events().Count == 1);
            await _api.DeleteAsync(EventRecorder.EventsResource, "prod", JsonMeta.Name(Events()[0])!);
            recorder.Event(Pod, EventTypes.Normal, "R", "m");
        }
        var ev = Assert.Single(Events());
        Assert.Equal(2, ev["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Never_throws_and_keeps_going_after_failures()
    {
        _api.FailWrites = c => c.Body!.Contains("\"First\"", StringComparison.Ordinal) ? StatusError.Internal("etcd down") : null;
        await using (var recorder = new EventRecorder(_api, new EventSource("c"), _time))
        {
            recorder.Event(Pod, EventTypes.Normal, "First", "lost");
            await Eventually.Until(() => _api.Calls.Count == 1);
            recorder.Event(Pod, "Bogus", "Ignored", "not a valid type");
            recorder.Event(new InvolvedObject("Node", "n1"), EventTypes.Normal, "Second", "kept");
        }
        var ev = Assert.Single(Events());
        Assert.Equal("Second", ev["reason"]!.GetValue<string>());
        Assert.Equal("default", JsonMeta.Namespace(ev)); // cluster-scoped objects' events live in default
    }

    [Fact]
    public async Task Names_stay_unique_when_the_clock_does_not_move()
    {
        await using (var recorder = new EventRecorder(_api, new EventSource("c"), _time))
            for (var i = 0; i < 5; i++) recorder.Event(Pod, EventTypes.Normal, "R", "m" + i);
        Assert.Equal(5, Events().Select(e => JsonMeta.Name(e)).Distinct().Count());
    }
}
