using KubeSharp.Client.Events;
using KubeSharp.Client.Tests.Fakes;
using KubeSharp.Testing;

namespace KubeSharp.Client.Tests.Events;

public sealed class EventSpamFilterTests
{
    readonly FakeApiClient _api = new();
    readonly ManualTimeProvider _time = new();

    static readonly InvolvedObject ReplicaSet = new("ReplicaSet", "web-5d8f") { Namespace = "prod", Uid = "rs-1", ApiVersion = "apps/v1" };
    static readonly InvolvedObject Other = ReplicaSet with { Name = "api-7c9a", Uid = "rs-2" };

    int Created() => _api.Calls.Count(c => c.Verb == "create");

    [Fact]
    public async Task An_object_gets_a_burst_of_25_events_then_one_per_five_minutes_as_client_go()
    {
        await using (var recorder = new EventRecorder(_api, new EventSource("replicaset-controller"), _time))
        {
            for (var i = 0; i < 40; i++) recorder.Event(ReplicaSet, EventTypes.Normal, "SuccessfulCreate", $"Created pod: web-5d8f-{i}");
            recorder.Event(Other, EventTypes.Normal, "SuccessfulCreate", "Created pod: api-7c9a-0");
            await Eventually.Until(() => Created() == 26);

            // 299 s refill less than one token; 301 s refill one.
            _time.Advance(TimeSpan.FromSeconds(299));
            recorder.Event(ReplicaSet, EventTypes.Normal, "SuccessfulCreate", "Created pod: web-5d8f-late");
            _time.Advance(TimeSpan.FromSeconds(2));
            recorder.Event(ReplicaSet, EventTypes.Normal, "SuccessfulCreate", "Created pod: web-5d8f-later");
        }
        Assert.Equal(27, Created());
    }

    [Fact]
    public async Task Warnings_have_their_own_budget()
    {
        await using (var recorder = new EventRecorder(_api, new EventSource("replicaset-controller"), _time))
        {
            for (var i = 0; i < 30; i++) recorder.Event(ReplicaSet, EventTypes.Normal, "SuccessfulCreate", $"Created pod: {i}");
            recorder.Event(ReplicaSet, EventTypes.Warning, "FailedCreate", "quota exceeded");
        }
        Assert.Equal(26, Created());
    }
}
