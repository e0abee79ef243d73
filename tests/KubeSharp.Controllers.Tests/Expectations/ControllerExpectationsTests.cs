using KubeSharp.Api.Resources;
using KubeSharp.Controllers.Expectations;
using KubeSharp.Testing;

namespace KubeSharp.Controllers.Tests.Expectations;

public sealed class ControllerExpectationsTests
{
    static readonly NamespacedName Key = new("default", "web");

    readonly ManualTimeProvider _clock = new();

    [Fact]
    public void Creations_are_waited_for_one_observation_each()
    {
        var e = new ControllerExpectations(_clock);
        Assert.True(e.Satisfied(Key));
        e.ExpectCreations(Key, 2);
        Assert.False(e.Satisfied(Key));
        e.CreationObserved(Key);
        Assert.False(e.Satisfied(Key));
        e.CreationObserved(Key);
        Assert.True(e.Satisfied(Key));
        Assert.True(e.Satisfied(new NamespacedName("other", "web")));
    }

    [Fact]
    public void Tracked_deletions_count_each_pod_once()
    {
        var e = new ControllerExpectations(_clock);
        e.ExpectDeletions(Key, ["a", "b"]);
        e.DeletionObserved(Key, "a");
        e.DeletionObserved(Key, "a");
        e.DeletionObserved(Key, "c");
        Assert.False(e.Satisfied(Key));
        e.DeletionObserved(Key, "b");
        Assert.True(e.Satisfied(Key));
    }

    [Fact]
    public void Counted_deletions_and_lowering_meet_expectations()
    {
        var e = new ControllerExpectations(_clock);
        e.Expect(Key, 3, 2);
        e.DeletionObserved(Key);
        e.DeletionObserved(Key);
        Assert.False(e.Satisfied(Key));
        e.CreationObserved(Key);
        e.Lower(Key, 2, 0);
        Assert.True(e.Satisfied(Key));
    }

    [Fact]
    public void Expectations_expire_and_can_be_forgotten()
    {
        var e = new ControllerExpectations(_clock);
        e.ExpectCreations(Key, 1);
        _clock.Advance(ControllerExpectations.Timeout);
        Assert.False(e.Satisfied(Key));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(e.Satisfied(Key));

        e.ExpectCreations(Key, 1);
        e.Forget(Key);
        Assert.True(e.Satisfied(Key));
        e.CreationObserved(Key); // an observation after Forget changes nothing
        Assert.True(e.Satisfied(Key));
    }
}
