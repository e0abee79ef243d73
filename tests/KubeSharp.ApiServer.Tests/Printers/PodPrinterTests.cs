using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Printers.Core;

namespace KubeSharp.ApiServer.Tests.Printers;

public sealed class PodPrinterTests
{
    static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    static JsonObject Pod(string json) => JsonNode.Parse(json)!.AsObject();

    static string Status(string json) => PodPrinter.Summarize(Pod(json)).Status;

    [Fact]
    public void Running_pod_row()
    {
        var pod = Pod("""
            {"metadata":{"name":"web","creationTimestamp":"2024-05-01T11:55:00Z"},
             "spec":{"nodeName":"n1","containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","podIPs":[{"ip":"10.0.0.5"}],
               "containerStatuses":[
                 {"name":"a","ready":true,"restartCount":2,"state":{"running":{}},"lastState":{"terminated":{"exitCode":1,"finishedAt":"2024-05-01T11:58:00Z"}}},
                 {"name":"b","ready":false,"restartCount":1,"state":{"running":{}}}]}}
            """);
        var cells = new PodPrinter().Cells(pod, Now);
        Assert.Equal(new object?[] { "web", "1/2", "Running", "3 (2m ago)", "5m", "10.0.0.5", "n1", "<none>", "<none>" }, cells);
    }

    [Fact]
    public void Pending_pod_without_statuses()
    {
        var cells = new PodPrinter().Cells(Pod("""{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending"}}"""), Now);
        Assert.Equal(new object?[] { "p", "0/1", "Pending", "0", "<unknown>", "<none>", "<none>", "<none>", "<none>" }, cells);
    }

    [Fact]
    public void Waiting_reason_wins() => Assert.Equal("CrashLoopBackOff", Status("""
        {"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Running",
         "containerStatuses":[{"name":"a","restartCount":4,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}
        """));

    [Fact]
    public void First_container_reason_wins_over_later_ones() => Assert.Equal("ImagePullBackOff", Status("""
        {"spec":{"containers":[{"name":"a"},{"name":"b"}]},"status":{"phase":"Pending",
         "containerStatuses":[{"name":"a","state":{"waiting":{"reason":"ImagePullBackOff"}}},{"name":"b","state":{"waiting":{"reason":"ContainerCreating"}}}]}}
        """));

    [Fact]
    public void Completed_pod() => Assert.Equal("Completed", Status("""
        {"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Succeeded",
         "containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}
        """));

    [Theory]
    [InlineData("True", "Running")]
    [InlineData("False", "NotReady")]
    public void Completed_with_a_running_container_is_running_or_not_ready(string ready, string expected) => Assert.Equal(expected, Status("""
        {"spec":{"containers":[{"name":"a"},{"name":"b"}]},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"READY"}],
         "containerStatuses":[{"name":"a","ready":true,"state":{"running":{}}},{"name":"b","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}
        """.Replace("READY", ready)));

    [Fact]
    public void Exit_code_and_signal_without_reason()
    {
        Assert.Equal("ExitCode:3", Status("""{"spec":{"containers":[{"name":"a"}]},"status":{"containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":3}}}]}}"""));
        Assert.Equal("Signal:9", Status("""{"spec":{"containers":[{"name":"a"}]},"status":{"containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":137,"signal":9}}}]}}"""));
    }

    [Fact]
    public void Init_progress()
    {
        const string pod = """
            {"spec":{"initContainers":[{"name":"i1"},{"name":"i2"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Pending","initContainerStatuses":[
               {"name":"i1","state":{"terminated":{"exitCode":0}}},
               {"name":"i2","state":{"running":{}}}],
              "containerStatuses":[{"name":"a","state":{"waiting":{"reason":"PodInitializing"}}}]}}
            """;
        Assert.Equal("Init:1/2", Status(pod));
        Assert.Equal("Init:0/1", Status("""{"spec":{"initContainers":[{"name":"i"}],"containers":[{"name":"a"}]},"status":{"phase":"Pending","initContainerStatuses":[{"name":"i","state":{"waiting":{"reason":"PodInitializing"}}}]}}"""));
    }

    [Fact]
    public void Init_failures()
    {
        Assert.Equal("Init:CrashLoopBackOff", Status("""{"spec":{"initContainers":[{"name":"i"}]},"status":{"initContainerStatuses":[{"name":"i","restartCount":3,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}"""));
        Assert.Equal("Init:Error", Status("""{"spec":{"initContainers":[{"name":"i"}]},"status":{"initContainerStatuses":[{"name":"i","state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}}"""));
        Assert.Equal("Init:ExitCode:2", Status("""{"spec":{"initContainers":[{"name":"i"}]},"status":{"initContainerStatuses":[{"name":"i","state":{"terminated":{"exitCode":2}}}]}}"""));
        var summary = PodPrinter.Summarize(Pod("""{"spec":{"initContainers":[{"name":"i"}]},"status":{"initContainerStatuses":[{"name":"i","restartCount":3,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}"""));
        Assert.Equal(3, summary.Restarts);
    }

    [Fact]
    public void Sidecar_counts_as_a_container()
    {
        var summary = PodPrinter.Summarize(Pod("""
            {"spec":{"initContainers":[{"name":"proxy","restartPolicy":"Always"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"}],
              "initContainerStatuses":[{"name":"proxy","started":true,"ready":true,"restartCount":1,"state":{"running":{}}}],
              "containerStatuses":[{"name":"a","ready":true,"state":{"running":{}}}]}}
            """));
        Assert.Equal((2, 2, "Running", 1L), (summary.Ready, summary.Total, summary.Status, summary.Restarts));
    }

    [Fact]
    public void Terminating_and_node_lost()
    {
        Assert.Equal("Terminating", Status("""{"metadata":{"deletionTimestamp":"2024-05-01T11:00:00Z"},"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Running","containerStatuses":[{"name":"a","ready":true,"state":{"running":{}}}]}}"""));
        Assert.Equal("Completed", Status("""{"metadata":{"deletionTimestamp":"2024-05-01T11:00:00Z"},"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Succeeded","containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}"""));
        Assert.Equal("Unknown", Status("""{"metadata":{"deletionTimestamp":"2024-05-01T11:00:00Z"},"status":{"phase":"Running","reason":"NodeLost"}}"""));
    }

    [Fact]
    public void Pod_reason_and_scheduling_gates()
    {
        Assert.Equal("Evicted", Status("""{"status":{"phase":"Failed","reason":"Evicted"}}"""));
        Assert.Equal("SchedulingGated", Status("""{"status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}}"""));
    }

    [Fact]
    public void Readiness_gates_count_true_conditions()
    {
        var pod = Pod("""
            {"metadata":{"name":"p"},"spec":{"readinessGates":[{"conditionType":"x/a"},{"conditionType":"x/b"}]},
             "status":{"conditions":[{"type":"x/a","status":"True"},{"type":"x/b","status":"False"}]}}
            """);
        Assert.Equal("1/2", new PodPrinter().Cells(pod, Now)[8]);
    }
}
