using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Client.LeaderElection;
using KubeSharp.Client.Tests.Fakes;
using KubeSharp.Testing;

namespace KubeSharp.Client.Tests.LeaderElection;

public sealed class LeaderElectorTests
{
    readonly FakeApiClient _api = new();
    readonly ManualTimeProvider _time = new();

    LeaderElector Candidate(string identity, bool releaseOnCancel = true) =>
        new(_api, new LeaderElectionConfig { LeaseNamespace = "kube-system", LeaseName = "kube-controller-manager", Identity = identity, ReleaseOnCancel = releaseOnCancel }, _time);

    JsonObject Spec() => (JsonObject)_api.Stored(LeaderElector.LeasesResource, "kube-system", "kube-controller-manager")!["spec"]!;

    sealed class Run
    {
        public volatile bool Leading;
        public volatile bool Stopped;
        public Task Task = Task.CompletedTask;
        public readonly CancellationTokenSource Cancel = new();

        public static Run Start(LeaderElector elector)
        {
            var run = new Run();
            run.Task = elector.RunAsync(async ct =>
            {
                run.Leading = true;
                try { await Task.Delay(Timeout.Infinite, ct); }
                catch (OperationCanceledException) { }
                run.Leading = false;
            }, () => run.Stopped = true, run.Cancel.Token);
            return run;
        }
    }

    [Fact]
    public async Task First_candidate_creates_the_lease_and_renews_it()
    {
        var a = Candidate("a");
        var run = Run.Start(a);
        await Eventually.Until(() => run.Leading);
        Assert.True(a.IsLeader);
        var spec = Spec();
        Assert.Equal("a", spec["holderIdentity"]!.GetValue<string>());
        Assert.Equal(15, spec["leaseDurationSeconds"]!.GetValue<int>());
        Assert.Equal(0, spec["leaseTransitions"]!.GetValue<int>());
        Assert.Equal("2025-01-01T00:00:00.000000Z", spec["acquireTime"]!.GetValue<string>());

        await Eventually.Until(() => Spec()["renewTime"]!.GetValue<string>() != "2025-01-01T00:00:00.000000Z", _time, TimeSpan.FromSeconds(1));
        Assert.Equal("2025-01-01T00:00:00.000000Z", Spec()["acquireTime"]!.GetValue<string>());
        await run.Cancel.CancelAsync();
        await run.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Hands_over_at_once_when_the_leader_releases()
    {
        var runA = Run.Start(Candidate("a"));
        await Eventually.Until(() => runA.Leading);
        var b = Candidate("b");
        var runB = Run.Start(b);
        _time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.Settle();
        Assert.False(runB.Leading);
        Assert.Equal("a", b.ObservedLeader);

        await runA.Cancel.CancelAsync();
        await runA.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(runA.Stopped);
        Assert.False(runA.Leading);
        Assert.Equal("", Spec()["holderIdentity"]!.GetValue<string>());

        // B retries within a few seconds and finds the lease free, well before 15 s would pass.
        var start = _time.GetUtcNow();
        await Eventually.Until(() => runB.Leading, _time, TimeSpan.FromMilliseconds(500));
        Assert.True(_time.GetUtcNow() - start < TimeSpan.FromSeconds(10));
        Assert.Equal("b", Spec()["holderIdentity"]!.GetValue<string>());
        Assert.Equal(1, Spec()["leaseTransitions"]!.GetValue<int>());
        await runB.Cancel.CancelAsync();
        await runB.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Takes_over_a_vanished_leader_only_after_the_lease_duration()
    {
        var runA = Run.Start(Candidate("a", releaseOnCancel: false));
        await Eventually.Until(() => runA.Leading);
        await runA.Cancel.CancelAsync(); // like a crash: nothing released
        await runA.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("a", Spec()["holderIdentity"]!.GetValue<string>());

        var b = Candidate("b");
        var runB = Run.Start(b);
        await Eventually.Until(() => b.ObservedLeader == "a");
        var firstSeen = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.Settle();
        Assert.False(runB.Leading);

        await Eventually.Until(() => runB.Leading, _time, TimeSpan.FromSeconds(1));
        Assert.True(_time.GetUtcNow() - firstSeen >= TimeSpan.FromSeconds(15));
        Assert.Equal(1, Spec()["leaseTransitions"]!.GetValue<int>());
        await runB.Cancel.CancelAsync();
        await runB.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Stops_leading_when_renewals_fail_past_the_deadline()
    {
        var a = Candidate("a");
        var run = Run.Start(a);
        await Eventually.Until(() => run.Leading);
        _api.FailWrites = _ => StatusError.Internal("unavailable");

        await Eventually.Until(() => run.Task.IsCompleted, _time, TimeSpan.FromSeconds(1));
        Assert.True(run.Stopped);
        Assert.False(run.Leading);
        Assert.False(a.IsLeader);
    }
}
