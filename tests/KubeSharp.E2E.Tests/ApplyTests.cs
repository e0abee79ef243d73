using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary>kubectl apply in its forms: multi-document client-side apply, re-apply, server-side apply, kustomize.</summary>
public sealed class ApplyTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    static string Manifest(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Manifests", name));

    [Fact]
    public async Task MultiDocumentApplyCreatesThenReapplyConfiguresOnlyWhatChanged()
    {
        var ns = await fx.NamespaceAsync("apply");
        var first = await fx.Kubectl.ApplyAsync(Manifest("mongo.yaml"), "-n", ns);
        Assert.Contains("secret/mongodb-secret created", first);
        Assert.Contains("deployment.apps/mongodb-deployment created", first);
        Assert.Contains("service/mongodb-service created", first);

        var svc = await fx.Kubectl.OkAsync("-n", ns, "get", "svc", "mongodb-service", "-o", "jsonpath={.spec.type} {.spec.clusterIP} {.spec.ports[0].targetPort}");
        Assert.Matches(@"^ClusterIP 10\.43\.\d+\.\d+ 27017$", svc);
        var deploy = await fx.Kubectl.OkAsync("-n", ns, "get", "deploy", "mongodb-deployment", "-o", "jsonpath={.spec.strategy.type} {.spec.strategy.rollingUpdate.maxSurge} {.spec.revisionHistoryLimit} {.spec.progressDeadlineSeconds}");
        Assert.Equal("RollingUpdate 25% 10 600", deploy);
        var annotation = await fx.Kubectl.OkAsync("-n", ns, "get", "deploy", "mongodb-deployment", "-o", "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}");
        Assert.Contains("\"mongodb-deployment\"", annotation);

        var changed = Manifest("mongo.yaml").Replace("replicas: 1", "replicas: 3").Replace("image: mongo:latest", "image: mongo:7");
        var second = await fx.Kubectl.ApplyAsync(changed, "-n", ns);
        Assert.Contains("secret/mongodb-secret unchanged", second);
        Assert.Contains("deployment.apps/mongodb-deployment configured", second);
        Assert.Contains("service/mongodb-service unchanged", second);
        var after = await fx.Kubectl.OkAsync("-n", ns, "get", "deploy", "mongodb-deployment", "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[1].name} {.metadata.generation}");
        Assert.Equal("3 mongo:7 MONGO_INITDB_ROOT_PASSWORD 2", after);
    }

    [Fact]
    public async Task ServerSideApplyCreatesUpdatesAndReportsConflicts()
    {
        var ns = await fx.NamespaceAsync("ssa");
        const string cm = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: ssa
            data:
              a: "1"
            """;
        Assert.Contains("configmap/ssa serverside-applied", await fx.Kubectl.ApplyAsync(cm, "-n", ns, "--server-side"));
        var managers = await fx.Kubectl.OkAsync("-n", ns, "get", "cm", "ssa", "-o", "jsonpath={.metadata.managedFields[*].manager}", "--show-managed-fields");
        Assert.Contains("kubectl", managers);

        // Another manager takes the field; a plain apply of a different value conflicts, --force-conflicts wins.
        var first = await fx.Kubectl.RunAsync(["-n", ns, "apply", "--server-side", "--field-manager=other", "-f", "-"], cm.Replace("\"1\"", "\"2\""), null);
        Assert.Contains("conflict with \"kubectl\"", first.Stderr);
        (await fx.Kubectl.RunAsync(["-n", ns, "apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", "-"], cm.Replace("\"1\"", "\"2\""), null)).EnsureSuccess();
        var conflict = await fx.Kubectl.RunAsync(["-n", ns, "apply", "--server-side", "-f", "-"], cm.Replace("\"1\"", "\"3\""), null);
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("conflict", conflict.Stderr, StringComparison.OrdinalIgnoreCase);
        await fx.Kubectl.RunAsync(["-n", ns, "apply", "--server-side", "--force-conflicts", "-f", "-"], cm.Replace("\"1\"", "\"3\""), null);
        Assert.Equal("3", await fx.Kubectl.OkAsync("-n", ns, "get", "cm", "ssa", "-o", "jsonpath={.data.a}"));
    }

    [Fact]
    public async Task KustomizeDirectoryApplies()
    {
        var ns = await fx.NamespaceAsync("kustomize");
        var dir = Directory.CreateTempSubdirectory("kustomize-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "kustomization.yaml"), $"""
                namespace: {ns}
                commonLabels:
                  app: kz
                resources:
                - cm.yaml
                configMapGenerator:
                - name: generated
                  literals:
                  - key=value
                """);
            File.WriteAllText(Path.Combine(dir, "cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: plain
                data:
                  x: "y"
                """);
            var output = await fx.Kubectl.OkAsync("apply", "-k", dir);
            Assert.Contains("configmap/plain created", output);
            var labels = await fx.Kubectl.OkAsync("-n", ns, "get", "cm", "-l", "app=kz", "-o", "name");
            Assert.Contains("configmap/plain", labels);
            Assert.Contains("configmap/generated-", labels);
        }
        finally { Directory.Delete(dir, true); }
    }
}
