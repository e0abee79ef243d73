using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary>The imperative kubectl commands: create, edit, scale, label, annotate, patch, delete.</summary>
public sealed class CommandTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task CreateCommandsSendProtobufAndWork()
    {
        var ns = await fx.NamespaceAsync("create");
        Assert.Contains("deployment.apps/web created", await fx.Kubectl.OkAsync("-n", ns, "create", "deployment", "web", "--image=nginx:1.25", "--replicas=0"));
        Assert.Equal("0 nginx:1.25 IfNotPresent", await fx.Kubectl.OkAsync("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].imagePullPolicy}"));
        Assert.Contains("configmap/cfg created", await fx.Kubectl.OkAsync("-n", ns, "create", "configmap", "cfg", "--from-literal=a=1", "--from-literal=b=2"));
        Assert.Contains("secret/s created", await fx.Kubectl.OkAsync("-n", ns, "create", "secret", "generic", "s", "--from-literal=password=hunter2"));
        Assert.Equal("aHVudGVyMg== Opaque", await fx.Kubectl.OkAsync("-n", ns, "get", "secret", "s", "-o", "jsonpath={.data.password} {.type}"));
        Assert.Equal("yes", (await fx.Kubectl.OkAsync("auth", "can-i", "create", "pods")).Trim());
    }

    [Fact]
    public async Task EditScaleLabelAnnotatePatch()
    {
        var ns = await fx.NamespaceAsync("edit");
        await fx.Kubectl.OkAsync("-n", ns, "create", "deployment", "web", "--image=nginx:1.25");
        var editor = Path.Combine(fx.Server.Home, "editor.sh");
        File.WriteAllText(editor, "#!/bin/sh\nsed -i 's/nginx:1.25/nginx:1.26/' \"$1\"\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var edit = await fx.Kubectl.RunAsync(["-n", ns, "edit", "deployment", "web"], null, new Dictionary<string, string> { ["KUBE_EDITOR"] = editor });
        Assert.Contains("deployment.apps/web edited", edit.EnsureSuccess().Stdout);
        Assert.Equal("nginx:1.26", await fx.Kubectl.OkAsync("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}"));

        Assert.Contains("deployment.apps/web scaled", await fx.Kubectl.OkAsync("-n", ns, "scale", "deployment", "web", "--replicas=4"));
        Assert.Equal("4", await fx.Kubectl.OkAsync("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}"));
        Assert.Contains("scaled", await fx.Kubectl.OkAsync("-n", ns, "scale", "deployment", "web", "--current-replicas=4", "--replicas=2"));

        await fx.Kubectl.OkAsync("-n", ns, "label", "deployment", "web", "tier=frontend");
        await fx.Kubectl.OkAsync("-n", ns, "annotate", "deployment", "web", "owner=team-a");
        Assert.Equal("frontend team-a", await fx.Kubectl.OkAsync("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.metadata.labels.tier} {.metadata.annotations.owner}"));
        await fx.Kubectl.OkAsync("-n", ns, "label", "deployment", "web", "tier-");
        Assert.Equal("", await fx.Kubectl.OkAsync("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.metadata.labels.tier}"));

        await fx.Kubectl.OkAsync("-n", ns, "patch", "deployment", "web", "--type", "merge", "-p", "{\"spec\":{\"minReadySeconds\":5}}");
        await fx.Kubectl.OkAsync("-n", ns, "patch", "deployment", "web", "--type", "json", "-p", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]");
        await fx.Kubectl.OkAsync("-n", ns, "patch", "deployment", "web", "-p", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"env\":[{\"name\":\"A\",\"value\":\"1\"}]}]}}}}");
        Assert.Equal("5 3 nginx:1.26 A", await fx.Kubectl.OkAsync("-n", ns, "get", "deploy", "web", "-o",
            "jsonpath={.spec.minReadySeconds} {.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[0].name}"));

        var invalid = await fx.Kubectl.RunAsync("-n", ns, "patch", "deployment", "web", "--type", "merge", "-p", "{\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"other\"}}}}");
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("The Deployment \"web\" is invalid", invalid.Stderr);
        Assert.Contains("spec.selector", invalid.Stderr);
    }

    [Fact]
    public async Task ApiResourcesAndExplain()
    {
        var resources = await fx.Kubectl.OkAsync("api-resources");
        Assert.Matches(@"deployments\s+deploy\s+apps/v1\s+true\s+Deployment", resources);
        Assert.Matches(@"pods\s+po\s+v1\s+true\s+Pod", resources);
        Assert.Matches(@"customresourcedefinitions\s+crd,crds\s+apiextensions.k8s.io/v1\s+false\s+CustomResourceDefinition", resources);
        var explain = await fx.Kubectl.OkAsync("explain", "deployment.spec.template.spec.containers");
        Assert.Contains("KIND:", explain);
        Assert.Contains("Deployment", explain);
        Assert.Contains("FIELDS:", explain);
        Assert.Contains("image", explain);
    }
}
