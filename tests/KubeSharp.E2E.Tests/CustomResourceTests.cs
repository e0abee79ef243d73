using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary>A CRD applied, then its custom resources created, validated, listed with printer columns, scaled and deleted.</summary>
public sealed class CustomResourceTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: crontabs.stable.example.com
        spec:
          group: stable.example.com
          scope: Namespaced
          names:
            plural: crontabs
            singular: crontab
            kind: CronTab
            shortNames: [ct]
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
              scale:
                specReplicasPath: .spec.replicas
                statusReplicasPath: .status.replicas
            additionalPrinterColumns:
            - name: Spec
              type: string
              jsonPath: .spec.cronSpec
            - name: Replicas
              type: integer
              jsonPath: .spec.replicas
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      cronSpec: {type: string}
                      image: {type: string}
                      replicas: {type: integer}
                  status:
                    type: object
                    properties:
                      replicas: {type: integer}
        """;

    [Fact]
    public async Task CustomResourcesAreServedFromTheirDefinition()
    {
        await fx.Kubectl.ApplyAsync(Crd);
        await fx.Kubectl.OkAsync("wait", "--for=condition=Established", "crd/crontabs.stable.example.com", "--timeout=30s");
        var ns = await fx.NamespaceAsync("crd");
        await fx.Kubectl.ApplyAsync("""
            apiVersion: stable.example.com/v1
            kind: CronTab
            metadata:
              name: my-cron
            spec:
              cronSpec: "* * * * */5"
              image: my-cron-image
              replicas: 1
            """, "-n", ns);
        var table = await fx.Kubectl.OkAsync("-n", ns, "get", "ct");
        Assert.Matches(@"NAME\s+SPEC\s+REPLICAS", table);
        Assert.Matches(@"my-cron\s+\* \* \* \* \*/5\s+1", table);
        Assert.Contains("crontab.stable.example.com/my-cron scaled", await fx.Kubectl.OkAsync("-n", ns, "scale", "crontab", "my-cron", "--replicas=3"));
        Assert.Equal("3", await fx.Kubectl.OkAsync("-n", ns, "get", "crontab", "my-cron", "-o", "jsonpath={.spec.replicas}"));

        var bad = await fx.Kubectl.RunAsync(["-n", ns, "apply", "-f", "-"], """
            apiVersion: stable.example.com/v1
            kind: CronTab
            metadata:
              name: bad-cron
            spec:
              replicas: "many"
            """, null);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("spec.replicas", bad.Stderr);

        Assert.Contains("crontabs", await fx.Kubectl.OkAsync("api-resources", "--api-group=stable.example.com"));
        await fx.Kubectl.OkAsync("delete", "crd", "crontabs.stable.example.com");
        var gone = await fx.Kubectl.RunAsync("-n", ns, "get", "crontabs");
        Assert.NotEqual(0, gone.ExitCode);
    }
}
