using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Kubelet.Pods;
using RuntimeState = KubeSharp.Node.Runtime.ContainerState;
using RuntimeStatus = KubeSharp.Node.Runtime.ContainerStatus;

namespace KubeSharp.Node.Tests.Kubelet;

public sealed class PodStatusBuilderTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    static RuntimeStatus Status(string name, RuntimeState state, int attempt = 0, int? exit = null, string? reason = null) => new(
        $"{name}-{attempt}", "sb", name, attempt, "docker.io/library/busybox:latest", "sha256:abc", state, T0,
        state == RuntimeState.Created ? null : T0, state == RuntimeState.Exited ? T0.AddSeconds(1) : null, exit,
        reason ?? (exit is null ? null : exit == 0 ? "Completed" : "Error"), null, "/log", 1,
        new Dictionary<string, string>(), new Dictionary<string, string>());

    static Pod PodOf(string restartPolicy, params string[] containers) => new()
    {
        Metadata = new() { Name = "p", Namespace = "ns", Uid = "u" },
        Spec = new PodSpec { RestartPolicy = restartPolicy, Containers = containers.Select(c => new Container { Name = c, Image = "busybox" }).ToList() },
    };

    static Dictionary<string, ContainerObservation> Obs(params (string Name, ContainerObservation O)[] items) => items.ToDictionary(i => i.Name, i => i.O);

    [Theory]
    [InlineData("Always", 0, "Running")]
    [InlineData("Always", 1, "Running")]
    [InlineData("OnFailure", 0, "Succeeded")]
    [InlineData("OnFailure", 1, "Running")]
    [InlineData("Never", 0, "Succeeded")]
    [InlineData("Never", 2, "Failed")]
    public void Phase_of_an_exited_container_follows_the_restart_policy(string policy, int exit, string phase)
    {
        var pod = PodOf(policy, "c");
        var o = Obs(("c", new ContainerObservation(Status("c", RuntimeState.Exited, exit: exit))));
        Assert.Equal(phase, PodStatusBuilder.Phase(pod, o, PodStatusBuilder.Init(pod, o)));
    }

    [Fact]
    public void Pending_until_every_container_has_started_and_running_after()
    {
        var pod = PodOf("Always", "a", "b");
        var partly = Obs(("a", new ContainerObservation(Status("a", RuntimeState.Running), Ready: true, Started: true)), ("b", new ContainerObservation(null)));
        Assert.Equal("Pending", PodStatusBuilder.Phase(pod, partly, PodStatusBuilder.Init(pod, partly)));
        var both = Obs(("a", new ContainerObservation(Status("a", RuntimeState.Running), Ready: true, Started: true)),
            ("b", new ContainerObservation(Status("b", RuntimeState.Running), Ready: false, Started: true)));
        var status = PodStatusBuilder.Build(new PodStatusInput(pod, T0, "10.42.0.5", "192.0.2.2", true, both));
        Assert.Equal("Running", status.Phase);
        var ready = status.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal("False", ready.Status);
        Assert.Equal("containers with unready status: [b]", ready.Message);
        Assert.Equal("10.42.0.5", status.PodIP);
        Assert.Equal("192.0.2.2", status.HostIPs!.Single().IP);
        Assert.Equal("runc://a-0", status.ContainerStatuses!.Single(c => c.Name == "a").ContainerID);
    }

    [Fact]
    public void Init_containers_gate_the_pod_and_a_failed_one_fails_it_under_Never()
    {
        var pod = PodOf("Never", "app") with { };
        pod = pod with { Spec = pod.Spec! with { InitContainers = [new Container { Name = "init", Image = "busybox" }] } };
        var running = Obs(("init", new ContainerObservation(Status("init", RuntimeState.Running))), ("app", new ContainerObservation(null)));
        var init = PodStatusBuilder.Init(pod, running);
        Assert.False(init.Initialized);
        Assert.Equal(["init"], init.Incomplete);
        var status = PodStatusBuilder.Build(new PodStatusInput(pod, T0, null, "h", true, running));
        Assert.Equal("Pending", status.Phase);
        Assert.Equal("PodInitializing", status.ContainerStatuses!.Single().State!.Waiting!.Reason);
        Assert.Equal("containers with incomplete status: [init]", status.Conditions!.Single(c => c.Type == "Initialized").Message);

        var failed = Obs(("init", new ContainerObservation(Status("init", RuntimeState.Exited, exit: 1))), ("app", new ContainerObservation(null)));
        Assert.Equal("Failed", PodStatusBuilder.Phase(pod, failed, PodStatusBuilder.Init(pod, failed)));
    }

    [Fact]
    public void Crash_loop_shows_waiting_with_the_last_termination_and_restart_count()
    {
        var pod = PodOf("Always", "c");
        var o = Obs(("c", new ContainerObservation(Status("c", RuntimeState.Exited, attempt: 3, exit: 1), Status("c", RuntimeState.Exited, attempt: 2, exit: 1),
            WaitingReason: "CrashLoopBackOff", WaitingMessage: "back-off 40s restarting failed container=c pod=p_ns(u)")));
        var c = PodStatusBuilder.Build(new PodStatusInput(pod, T0, "ip", "h", true, o)).ContainerStatuses!.Single();
        Assert.Equal("CrashLoopBackOff", c.State!.Waiting!.Reason);
        Assert.Equal(1, c.LastState!.Terminated!.ExitCode);
        Assert.Equal("runc://c-3", c.LastState.Terminated.ContainerID);
        Assert.Equal(3, c.RestartCount);
        Assert.False(c.Ready);
    }

    [Fact]
    public void Condition_transition_times_hold_while_the_condition_does()
    {
        var pod = PodOf("Always", "c");
        var o = Obs(("c", new ContainerObservation(Status("c", RuntimeState.Running), Ready: true, Started: true)));
        var first = PodStatusBuilder.Build(new PodStatusInput(pod, T0, "ip", "h", true, o));
        var later = PodStatusBuilder.Build(new PodStatusInput(pod with { Status = first }, T0.AddMinutes(5), "ip", "h", true, o));
        Assert.Equal(T0, later.Conditions!.Single(c => c.Type == "Ready").LastTransitionTime);
        Assert.Equal(T0, later.StartTime);
        var unready = Obs(("c", new ContainerObservation(Status("c", RuntimeState.Running), Ready: false, Started: true)));
        var flipped = PodStatusBuilder.Build(new PodStatusInput(pod with { Status = later }, T0.AddMinutes(6), "ip", "h", true, unready));
        Assert.Equal(T0.AddMinutes(6), flipped.Conditions!.Single(c => c.Type == "Ready").LastTransitionTime);
    }

    [Fact]
    public void Oom_killed_containers_report_the_reason_and_exit_code()
    {
        var pod = PodOf("Never", "c");
        var o = Obs(("c", new ContainerObservation(Status("c", RuntimeState.Exited, exit: 137, reason: "OOMKilled"), LatestMessage: "bye")));
        var status = PodStatusBuilder.Build(new PodStatusInput(pod, T0, "ip", "h", true, o));
        Assert.Equal("Failed", status.Phase);
        var terminated = status.ContainerStatuses!.Single().State!.Terminated!;
        Assert.Equal(("OOMKilled", 137, "bye"), (terminated.Reason, terminated.ExitCode, terminated.Message));
        Assert.Equal("PodCompleted", status.Conditions!.Single(c => c.Type == "Ready").Reason);
    }
}
