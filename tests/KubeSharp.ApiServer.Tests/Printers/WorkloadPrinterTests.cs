using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Printers;
using KubeSharp.ApiServer.Printers.Apps;
using KubeSharp.ApiServer.Printers.Batch;
using KubeSharp.ApiServer.Printers.Core;

namespace KubeSharp.ApiServer.Tests.Printers;

public sealed class WorkloadPrinterTests
{
    static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    static JsonObject J(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Deployment_row_with_wide_columns()
    {
        var d = J("""
            {"metadata":{"name":"web","creationTimestamp":"2024-04-29T09:00:00Z"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["b","a"]}]},
               "template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"},{"name":"side","image":"busybox"}]}}},
             "status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}
            """);
        var cells = AppsPrinters.Deployments.Cells(d, Now);
        Assert.Equal(new object?[] { "web", "2/3", 3L, 2L, "2d3h", "nginx,side", "nginx:1.25,busybox", "app=web,tier in (a,b)" }, cells);
        Assert.Equal(AppsPrinters.Deployments.Columns.Count, cells.Length);
    }

    [Fact]
    public void Deployment_defaults_and_bad_selector()
    {
        var cells = AppsPrinters.Deployments.Cells(J("""{"metadata":{"name":"d"},"spec":{"selector":{"matchExpressions":[{"key":"a","operator":"Bogus"}]}}}"""), Now);
        Assert.Equal("0/1", cells[1]);
        Assert.Equal("<invalid>", cells[7]);
    }

    [Fact]
    public void ReplicaSet_selector_prints_none_when_empty()
    {
        var cells = AppsPrinters.ReplicaSets.Cells(J("""{"metadata":{"name":"rs"},"spec":{"replicas":2,"selector":{}},"status":{"replicas":2,"readyReplicas":1}}"""), Now);
        Assert.Equal(new object?[] { "rs", 2L, 2L, 1L, "<unknown>", "", "", "<none>" }, cells);
    }

    [Theory]
    [InlineData("""{"spec":{"completions":3},"status":{"succeeded":2}}""", "2/3")]
    [InlineData("""{"spec":{},"status":{"succeeded":1}}""", "1/1")]
    [InlineData("""{"spec":{"parallelism":4},"status":{}}""", "0/1 of 4")]
    [InlineData("""{"spec":{"parallelism":1}}""", "0/1")]
    public void Job_completions(string json, string expected) => Assert.Equal(expected, BatchPrinters.Completions(J(json)));

    [Theory]
    [InlineData("""{"status":{"conditions":[{"type":"Complete","status":"True"}]}}""", "Complete")]
    [InlineData("""{"status":{"conditions":[{"type":"Failed","status":"True"}]}}""", "Failed")]
    [InlineData("""{"status":{"conditions":[{"type":"Complete","status":"False"}]}}""", "Running")]
    [InlineData("""{"metadata":{"deletionTimestamp":"2024-05-01T00:00:00Z"}}""", "Terminating")]
    [InlineData("""{"status":{"conditions":[{"type":"Suspended","status":"True"}]}}""", "Suspended")]
    [InlineData("""{"status":{"conditions":[{"type":"FailureTarget","status":"True"}]}}""", "FailureTarget")]
    public void Job_status(string json, string expected) => Assert.Equal(expected, BatchPrinters.JobStatus(J(json)));

    [Fact]
    public void Job_duration()
    {
        Assert.Equal("", BatchPrinters.Duration(J("""{"status":{}}"""), Now));
        Assert.Equal("45s", BatchPrinters.Duration(J("""{"status":{"startTime":"2024-05-01T10:00:00Z","completionTime":"2024-05-01T10:00:45Z"}}"""), Now));
        Assert.Equal("5m", BatchPrinters.Duration(J("""{"status":{"startTime":"2024-05-01T11:55:00Z"}}"""), Now));
    }

    [Fact]
    public void Job_row()
    {
        var job = J("""
            {"metadata":{"name":"pi","creationTimestamp":"2024-05-01T11:50:00Z"},
             "spec":{"completions":1,"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"u1"}},"template":{"spec":{"containers":[{"name":"pi","image":"perl"}]}}},
             "status":{"succeeded":1,"startTime":"2024-05-01T11:50:00Z","completionTime":"2024-05-01T11:50:30Z","conditions":[{"type":"Complete","status":"True"}]}}
            """);
        Assert.Equal(new object?[] { "pi", "Complete", "1/1", "30s", "10m", "pi", "perl", "batch.kubernetes.io/controller-uid=u1" }, BatchPrinters.Jobs.Cells(job, Now));
    }

    [Fact]
    public void CronJob_row()
    {
        var cj = J("""
            {"metadata":{"name":"c","creationTimestamp":"2024-05-01T11:00:00Z"},
             "spec":{"schedule":"*/5 * * * *","suspend":false,"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"x","image":"busybox"}]}}}}},
             "status":{"active":[{"name":"c-1"}],"lastScheduleTime":"2024-05-01T11:58:00Z"}}
            """);
        Assert.Equal(new object?[] { "c", "*/5 * * * *", "<none>", "False", 1L, "2m", "60m", "x", "busybox", "<none>" }, BatchPrinters.CronJobs.Cells(cj, Now));
    }

    [Fact]
    public void Service_ports_and_addresses()
    {
        var svc = J("""
            {"metadata":{"name":"web"},"spec":{"type":"NodePort","clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],
              "selector":{"app":"web"},"ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]}}
            """);
        var cells = new ServicePrinter().Cells(svc, Now);
        Assert.Equal(new object?[] { "web", "NodePort", "10.96.0.10", "<none>", "80:30080/TCP,53/UDP", "<unknown>", "app=web" }, cells);
    }

    [Fact]
    public void Service_special_cases()
    {
        var headless = new ServicePrinter().Cells(J("""{"metadata":{"name":"h"},"spec":{"clusterIP":"None"}}"""), Now);
        Assert.Equal(new object?[] { "h", "ClusterIP", "None", "<none>", "<none>", "<unknown>", "<none>" }, headless);

        Assert.Equal("<pending>", ServicePrinter.ExternalIp(J("""{"spec":{"type":"LoadBalancer"}}"""), wide: true));
        Assert.Equal("1.2.3.4,lb.example.com", ServicePrinter.ExternalIp(J("""{"spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{"ingress":[{"ip":"1.2.3.4"},{"hostname":"lb.example.com"}]}}}"""), wide: true));
        Assert.Equal("1.2.3.4,lb.ex...", ServicePrinter.ExternalIp(J("""{"spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{"ingress":[{"ip":"1.2.3.4"},{"hostname":"lb.example.com"}]}}}"""), wide: false));
        Assert.Equal("1.2.3.4,5.6.7.8", ServicePrinter.ExternalIp(J("""{"spec":{"type":"LoadBalancer","externalIPs":["5.6.7.8"]},"status":{"loadBalancer":{"ingress":[{"ip":"1.2.3.4"}]}}}"""), wide: true));
        Assert.Equal("example.com", ServicePrinter.ExternalIp(J("""{"spec":{"type":"ExternalName","externalName":"example.com"}}"""), wide: true));
        Assert.Equal("8.8.8.8", ServicePrinter.ExternalIp(J("""{"spec":{"type":"ClusterIP","externalIPs":["8.8.8.8"]}}"""), wide: true));
    }

    [Fact]
    public void Node_status_and_roles()
    {
        var node = J("""
            {"metadata":{"name":"n1","labels":{"node-role.kubernetes.io/control-plane":"","node-role.kubernetes.io/worker":"","kubernetes.io/role":"edge"}},
             "spec":{"unschedulable":true},
             "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}],
               "addresses":[{"type":"InternalIP","address":"192.0.2.10"}],"nodeInfo":{"kubeletVersion":"v1.32.0","osImage":"Debian"}}}
            """);
        var cells = new NodePrinter().Cells(node, Now);
        Assert.Equal(new object?[] { "n1", "Ready,SchedulingDisabled", "control-plane,edge,worker", "<unknown>", "v1.32.0", "192.0.2.10", "<none>", "Debian", "<unknown>", "<unknown>" }, cells);
        Assert.Equal("NotReady", NodePrinter.Status(J("""{"status":{"conditions":[{"type":"Ready","status":"Unknown"}]}}""")));
        Assert.Equal("Unknown", NodePrinter.Status(J("{}")));
    }

    [Fact]
    public void Endpoints_format()
    {
        Assert.Equal("<none>", CorePrinters.FormatEndpoints(J("{}")));
        var ep = J("""{"subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],"ports":[{"port":80},{"port":443}]}]}""");
        Assert.Equal("10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...", CorePrinters.FormatEndpoints(ep));
    }

    [Fact]
    public void Event_row()
    {
        var ev = J("""
            {"metadata":{"name":"p.17"},"involvedObject":{"kind":"Pod","name":"p","fieldPath":"spec.containers{a}"},
             "reason":"Pulled","message":" done \n","type":"Normal","source":{"component":"kubelet","host":"n1"},
             "firstTimestamp":"2024-05-01T11:00:00Z","lastTimestamp":"2024-05-01T11:59:00Z","count":4}
            """);
        Assert.Equal(new object?[] { "60s", "Normal", "Pulled", "pod/p", "spec.containers{a}", "kubelet, n1", "done", "60m", 4L, "p.17" },
            CorePrinters.Events.Cells(ev, Now));
    }

    [Fact]
    public void Registry_knows_builtins_and_falls_back()
    {
        var registry = PrinterRegistry.CreateBuiltIn();
        Assert.IsType<PodPrinter>(registry.Get("", "pods"));
        Assert.Same(AppsPrinters.Deployments, registry.Get("apps", "deployments"));
        Assert.Same(DefaultPrinters.NameAndAge, registry.Get("example.com", "widgets"));
        Assert.Equal(["Name", "Created At"], registry.Get("apiextensions.k8s.io", "customresourcedefinitions").Columns.Select(c => c.Name));
    }
}
