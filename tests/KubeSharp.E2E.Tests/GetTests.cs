using System.Text.Json.Nodes;
using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary>kubectl get in its output formats and selections, watch, get all, describe.</summary>
public sealed class GetTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    async Task<string> SeedAsync(string prefix)
    {
        var ns = await fx.NamespaceAsync(prefix);
        await fx.Kubectl.ApplyAsync($"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {"{"}name: red, labels: {"{"}color: red, tier: web{"}"}{"}"}
            data: {"{"}k: v{"}"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {"{"}name: blue, labels: {"{"}color: blue, tier: db{"}"}{"}"}
            ---
            apiVersion: v1
            kind: Service
            metadata: {"{"}name: web{"}"}
            spec:
              type: NodePort
              selector: {"{"}app: web{"}"}
              ports: [{"{"}port: 80, targetPort: 8080{"}"}]
            """, "-n", ns);
        return ns;
    }

    [Fact]
    public async Task OutputFormats()
    {
        var ns = await SeedAsync("formats");
        var yaml = await fx.Kubectl.OkAsync("-n", ns, "get", "cm", "red", "-o", "yaml");
        Assert.Contains("kind: ConfigMap", yaml);
        Assert.Contains("resourceVersion:", yaml);
        Assert.Contains("uid:", yaml);

        var json = JsonNode.Parse(await fx.Kubectl.OkAsync("-n", ns, "get", "cm", "-o", "json"))!;
        Assert.Equal("List", (string?)json["kind"]);
        Assert.Equal(2, json["items"]!.AsArray().Count(i => ((string?)i!["metadata"]!["name"]) is "red" or "blue"));

        var table = await fx.Kubectl.OkAsync("-n", ns, "get", "svc", "web");
        Assert.Matches(@"NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE", table);
        Assert.Matches(@"web\s+NodePort\s+10\.43\.\d+\.\d+\s+<none>\s+80:3\d{4}/TCP", table);
        var wide = await fx.Kubectl.OkAsync("-n", ns, "get", "svc", "web", "-o", "wide");
        Assert.Contains("SELECTOR", wide);
        Assert.Contains("app=web", wide);

        Assert.Equal("v", await fx.Kubectl.OkAsync("-n", ns, "get", "cm", "red", "-o", "jsonpath={.data.k}"));
        var cm = await fx.Kubectl.OkAsync("-n", ns, "get", "cm");
        Assert.Matches(@"NAME\s+DATA\s+AGE", cm);
        Assert.Matches(@"red\s+1\s+\d+s", cm);
    }

    [Fact]
    public async Task LabelAndFieldSelectorsAndAllNamespaces()
    {
        var ns = await SeedAsync("select");
        Assert.Equal("configmap/red", (await fx.Kubectl.OkAsync("-n", ns, "get", "cm", "-l", "color=red", "-o", "name")).Trim());
        Assert.Equal("configmap/blue", (await fx.Kubectl.OkAsync("-n", ns, "get", "cm", "-l", "tier in (db),color!=red", "-o", "name")).Trim());
        Assert.Equal("configmap/blue", (await fx.Kubectl.OkAsync("-n", ns, "get", "cm", "--field-selector", "metadata.name=blue", "-o", "name")).Trim());
        var all = await fx.Kubectl.OkAsync("get", "cm", "-A", "-l", "color");
        Assert.Matches(@"NAMESPACE\s+NAME\s+DATA\s+AGE", all);
        Assert.Contains(ns, all);
        var bad = await fx.Kubectl.RunAsync("-n", ns, "get", "cm", "--field-selector", "spec.nope=1");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("field label not supported: spec.nope", bad.Stderr);
    }

    [Fact]
    public async Task WatchStreamsChangesAsTheyHappen()
    {
        var ns = await SeedAsync("watch");
        var watch = fx.Kubectl.RunAsync(["-n", ns, "get", "cm", "--watch", "--output-watch-events", "--request-timeout=6s"], null, null, TimeSpan.FromSeconds(30));
        await Task.Delay(1500);
        await fx.Kubectl.OkAsync("-n", ns, "create", "configmap", "green", "--from-literal=a=1");
        await fx.Kubectl.OkAsync("-n", ns, "label", "cm", "green", "seen=yes");
        await fx.Kubectl.OkAsync("-n", ns, "delete", "cm", "green");
        var result = await watch;
        Assert.Matches(@"ADDED\s+red", result.Stdout);
        Assert.Matches(@"ADDED\s+green", result.Stdout);
        Assert.Matches(@"MODIFIED\s+green", result.Stdout);
        Assert.Matches(@"DELETED\s+green", result.Stdout);
    }

    [Fact]
    public async Task GetAllAndDescribe()
    {
        var ns = await SeedAsync("all");
        await fx.Kubectl.OkAsync("-n", ns, "create", "deployment", "web", "--image=busybox", "--replicas=2");
        var all = await fx.Kubectl.OkAsync("-n", ns, "get", "all");
        Assert.Contains("service/web", all);
        Assert.Contains("deployment.apps/web", all);

        var describe = await fx.Kubectl.OkAsync("-n", ns, "describe", "svc", "web");
        Assert.Matches(@"Name:\s+web", describe);
        Assert.Matches(@"Type:\s+NodePort", describe);
        Assert.Matches(@"Selector:\s+app=web", describe);
        var describeDeploy = await fx.Kubectl.OkAsync("-n", ns, "describe", "deployment", "web");
        Assert.Matches(@"Replicas:\s+2 desired", describeDeploy);
        Assert.Matches(@"StrategyType:\s+RollingUpdate", describeDeploy);
    }
}
