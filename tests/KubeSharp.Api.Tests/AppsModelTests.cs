using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.ApiExtensions;
using KubeSharp.Api.Model.Apps;
using KubeSharp.Api.Model.Batch;
using KubeSharp.Api.Model.Coordination;
using KubeSharp.Api.Model.Networking;
using KubeSharp.Api.Schema;

namespace KubeSharp.Api.Tests;

/// <summary>The non-core typed models read and write the JSON that kubectl and upstream use.</summary>
public class AppsModelTests
{
    const string DeploymentJson = """
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": { "name": "web", "namespace": "default", "labels": { "app": "web" }, "generation": 3 },
          "spec": {
            "replicas": 3,
            "selector": { "matchLabels": { "app": "web" } },
            "template": {
              "metadata": { "labels": { "app": "web" } },
              "spec": { "containers": [ { "name": "nginx", "image": "nginx:1.27", "ports": [ { "containerPort": 80 } ] } ] }
            },
            "strategy": { "type": "RollingUpdate", "rollingUpdate": { "maxUnavailable": 1, "maxSurge": "25%" } },
            "revisionHistoryLimit": 10,
            "progressDeadlineSeconds": 600
          },
          "status": {
            "observedGeneration": 3,
            "replicas": 3,
            "updatedReplicas": 3,
            "readyReplicas": 2,
            "availableReplicas": 2,
            "unavailableReplicas": 1,
            "conditions": [
              { "type": "Available", "status": "False", "lastUpdateTime": "2025-01-02T03:04:05Z", "lastTransitionTime": "2025-01-02T03:04:05Z", "reason": "MinimumReplicasUnavailable", "message": "Deployment does not have minimum availability." }
            ]
          }
        }
        """;

    const string StatefulSetJson = """
        {
          "apiVersion": "apps/v1",
          "kind": "StatefulSet",
          "metadata": { "name": "db", "namespace": "prod" },
          "spec": {
            "replicas": 2,
            "serviceName": "db",
            "podManagementPolicy": "Parallel",
            "selector": { "matchLabels": { "app": "db" } },
            "template": {
              "metadata": { "labels": { "app": "db" } },
              "spec": { "containers": [ { "name": "pg", "image": "postgres:17" } ] }
            },
            "volumeClaimTemplates": [
              {
                "metadata": { "name": "data" },
                "spec": { "accessModes": [ "ReadWriteOnce" ], "storageClassName": "fast", "resources": { "requests": { "storage": "10Gi" } } }
              }
            ],
            "updateStrategy": { "type": "RollingUpdate", "rollingUpdate": { "partition": 1, "maxUnavailable": "50%" } },
            "persistentVolumeClaimRetentionPolicy": { "whenDeleted": "Delete", "whenScaled": "Retain" },
            "ordinals": { "start": 5 }
          }
        }
        """;

    const string CronJobJson = """
        {
          "apiVersion": "batch/v1",
          "kind": "CronJob",
          "metadata": { "name": "backup", "namespace": "ops" },
          "spec": {
            "schedule": "30 2 * * *",
            "timeZone": "Europe/Paris",
            "concurrencyPolicy": "Forbid",
            "startingDeadlineSeconds": 120,
            "successfulJobsHistoryLimit": 3,
            "jobTemplate": {
              "metadata": { "labels": { "job": "backup" } },
              "spec": {
                "backoffLimit": 2,
                "completionMode": "Indexed",
                "completions": 4,
                "backoffLimitPerIndex": 1,
                "podReplacementPolicy": "Failed",
                "podFailurePolicy": { "rules": [ { "action": "Ignore", "onPodConditions": [ { "type": "DisruptionTarget", "status": "True" } ] },
                                                 { "action": "FailJob", "onExitCodes": { "containerName": "dump", "operator": "In", "values": [ 42 ] } } ] },
                "successPolicy": { "rules": [ { "succeededIndexes": "0-2", "succeededCount": 2 } ] },
                "template": { "spec": { "restartPolicy": "Never", "containers": [ { "name": "dump", "image": "busybox" } ] } }
              }
            }
          },
          "status": {
            "active": [ { "kind": "Job", "namespace": "ops", "name": "backup-29000000", "uid": "1f0c", "apiVersion": "batch/v1" } ],
            "lastScheduleTime": "2025-06-01T00:30:00Z"
          }
        }
        """;

    const string CrdJson = """
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": { "name": "crontabs.stable.example.com" },
          "spec": {
            "group": "stable.example.com",
            "scope": "Namespaced",
            "names": { "plural": "crontabs", "singular": "crontab", "kind": "CronTab", "shortNames": [ "ct" ], "categories": [ "all" ] },
            "versions": [
              {
                "name": "v1",
                "served": true,
                "storage": true,
                "schema": {
                  "openAPIV3Schema": {
                    "type": "object",
                    "properties": {
                      "spec": {
                        "type": "object",
                        "required": [ "cronSpec" ],
                        "properties": {
                          "cronSpec": { "type": "string", "pattern": "^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$" },
                          "replicas": { "type": "integer", "minimum": 1, "maximum": 10, "default": 1 },
                          "tags": { "type": "array", "items": { "type": "string" }, "x-kubernetes-list-type": "set" },
                          "extra": { "type": "object", "x-kubernetes-preserve-unknown-fields": true }
                        }
                      },
                      "status": { "type": "object", "properties": { "replicas": { "type": "integer" }, "labelSelector": { "type": "string" } } }
                    }
                  }
                },
                "subresources": {
                  "status": {},
                  "scale": { "specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas", "labelSelectorPath": ".status.labelSelector" }
                },
                "additionalPrinterColumns": [
                  { "name": "Spec", "type": "string", "jsonPath": ".spec.cronSpec" },
                  { "name": "Replicas", "type": "integer", "priority": 1, "jsonPath": ".spec.replicas", "description": "Desired count" }
                ],
                "selectableFields": [ { "jsonPath": ".spec.cronSpec" } ]
              }
            ],
            "conversion": { "strategy": "None" }
          },
          "status": {
            "conditions": [ { "type": "Established", "status": "True", "lastTransitionTime": "2025-01-01T00:00:00Z", "reason": "InitialNamesAccepted", "message": "the initial names have been accepted" } ],
            "acceptedNames": { "plural": "crontabs", "kind": "CronTab" },
            "storedVersions": [ "v1" ]
          }
        }
        """;

    static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, KubeJson.Options)!;

    /// <summary>Serialising the typed object must give back the document it was read from, field for field.</summary>
    static void AssertRoundTrips<T>(string json, T value)
    {
        var expected = JsonNode.Parse(json);
        var actual = JsonSerializer.SerializeToNode(value, KubeJson.Options);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"round trip changed the document:\n{actual?.ToJsonString()}");
    }

    [Fact]
    public void Deployment_reads_rolling_update_bounds_as_int_or_string()
    {
        var d = Read<Deployment>(DeploymentJson);

        var rolling = d.Spec!.Strategy!.RollingUpdate!;
        Assert.Equal("25%", rolling.MaxSurge!.Value.StringValue);
        Assert.Equal(1, rolling.MaxUnavailable!.Value.IntValue);
        Assert.Equal(1, rolling.MaxSurge.Value.Scaled(3, roundUp: true));
        Assert.Equal(3, d.Spec.Replicas);
        Assert.Equal("web", d.Spec.Selector!.MatchLabels!["app"]);
        Assert.Equal("nginx:1.27", d.Spec.Template!.Spec!.Containers![0].Image);
        var condition = Assert.Single(d.Status!.Conditions!);
        Assert.Equal("MinimumReplicasUnavailable", condition.Reason);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), condition.LastUpdateTime);
        AssertRoundTrips(DeploymentJson, d);
    }

    [Fact]
    public void Deployment_built_in_code_serialises_with_upstream_names()
    {
        var d = new Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new DeploymentSpec
            {
                Replicas = 0,
                Paused = true,
                Strategy = new DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateDeployment { MaxSurge = "25%", MaxUnavailable = 1 } },
            },
        };

        var json = KubeJson.ToObject(d);

        Assert.Equal("25%", (string?)json["spec"]!["strategy"]!["rollingUpdate"]!["maxSurge"]);
        Assert.Equal(1, (int?)json["spec"]!["strategy"]!["rollingUpdate"]!["maxUnavailable"]);
        Assert.Equal(0, (int?)json["spec"]!["replicas"]);
        Assert.True((bool?)json["spec"]!["paused"]);
        Assert.False(json["spec"]!.AsObject().ContainsKey("minReadySeconds"));
        Assert.False(json.ContainsKey("status"));
    }

    [Fact]
    public void StatefulSet_keeps_claim_templates_and_update_partition()
    {
        var s = Read<StatefulSet>(StatefulSetJson);

        var claim = Assert.Single(s.Spec!.VolumeClaimTemplates!);
        Assert.Equal("data", claim.Metadata.Name);
        Assert.Equal("10Gi", claim.Spec!.Resources!.Requests!["storage"].Value);
        Assert.Equal(10L * 1024 * 1024 * 1024, claim.Spec.Resources.Requests["storage"].IntegerValue());
        Assert.Equal("db", s.Spec.ServiceName);
        Assert.Equal(1, s.Spec.UpdateStrategy!.RollingUpdate!.Partition);
        Assert.Equal("50%", s.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable!.Value.StringValue);
        Assert.Equal("Delete", s.Spec.PersistentVolumeClaimRetentionPolicy!.WhenDeleted);
        Assert.Equal(5, s.Spec.Ordinals!.Start);
        AssertRoundTrips(StatefulSetJson, s);
    }

    [Fact]
    public void CronJob_keeps_schedule_time_zone_and_job_template_policies()
    {
        var c = Read<CronJob>(CronJobJson);

        Assert.Equal("30 2 * * *", c.Spec!.Schedule);
        Assert.Equal("Europe/Paris", c.Spec.TimeZone);
        Assert.Equal("Forbid", c.Spec.ConcurrencyPolicy);
        Assert.Equal(120L, c.Spec.StartingDeadlineSeconds);
        var job = c.Spec.JobTemplate!.Spec!;
        Assert.Equal("backup", c.Spec.JobTemplate.Metadata!.Labels!["job"]);
        Assert.Equal("Indexed", job.CompletionMode);
        Assert.Equal(1, job.BackoffLimitPerIndex);
        Assert.Equal([42], job.PodFailurePolicy!.Rules![1].OnExitCodes!.Values!);
        Assert.Equal("DisruptionTarget", job.PodFailurePolicy.Rules[0].OnPodConditions![0].Type);
        Assert.Equal(2, job.SuccessPolicy!.Rules![0].SucceededCount);
        Assert.Equal("Never", job.Template!.Spec!.RestartPolicy);
        Assert.Equal("backup-29000000", Assert.Single(c.Status!.Active!).Name);
        AssertRoundTrips(CronJobJson, c);
    }

    [Fact]
    public void Crd_keeps_the_nested_schema_verbatim()
    {
        var crd = Read<CustomResourceDefinition>(CrdJson);

        Assert.Equal("stable.example.com", crd.Spec!.Group);
        Assert.Equal("CronTab", crd.Spec.Names!.Kind);
        var version = Assert.Single(crd.Spec.Versions!);
        Assert.True(version.Served);
        Assert.True(version.Storage);
        var schema = version.Schema!.OpenAPIV3Schema!;
        Assert.Equal("integer", (string?)schema["properties"]!["spec"]!["properties"]!["replicas"]!["type"]);
        Assert.Equal(1, (int?)schema["properties"]!["spec"]!["properties"]!["replicas"]!["default"]);
        Assert.True((bool?)schema["properties"]!["spec"]!["properties"]!["extra"]!["x-kubernetes-preserve-unknown-fields"]);
        Assert.NotNull(version.Subresources!.Status);
        Assert.Equal(".spec.replicas", version.Subresources.Scale!.SpecReplicasPath);
        Assert.Equal(1, version.AdditionalPrinterColumns![1].Priority);
        Assert.Equal(".spec.cronSpec", version.SelectableFields![0].JsonPath);
        Assert.Equal(["v1"], crd.Status!.StoredVersions!);
        Assert.Equal("Established", crd.Status.Conditions![0].Type);
        AssertRoundTrips(CrdJson, crd);
    }

    [Fact]
    public void Lease_times_keep_microseconds()
    {
        const string json = """{"metadata":{"name":"node-1","namespace":"kube-node-lease"},"spec":{"holderIdentity":"node-1","leaseDurationSeconds":40,"renewTime":"2025-03-04T05:06:07.123456Z"}}""";

        var lease = Read<Lease>(json);

        Assert.Equal(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1_234_560), lease.Spec!.RenewTime);
        Assert.Equal("2025-03-04T05:06:07.123456Z", (string?)KubeJson.ToObject(lease)["spec"]!["renewTime"]);
    }

    [Fact]
    public void Ingress_rule_carries_http_paths_inline()
    {
        const string json = """
            {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"a","namespace":"default"},
             "spec":{"ingressClassName":"nginx","tls":[{"hosts":["a.example.com"],"secretName":"a-tls"}],
             "rules":[{"host":"a.example.com","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}
            """;

        var ingress = Read<Ingress>(json);

        var path = Assert.Single(Assert.Single(ingress.Spec!.Rules!).Http!.Paths!);
        Assert.Equal("Prefix", path.PathType);
        Assert.Equal(80, path.Backend!.Service!.Port!.Number);
        AssertRoundTrips(json, ingress);
    }

    [Fact]
    public void Schema_builder_publishes_upstream_definition_names_and_patch_metadata()
    {
        var builder = new ModelSchemaBuilder([typeof(Deployment), typeof(CustomResourceDefinition), typeof(Ingress)]);

        var deployment = builder.Build(typeof(Deployment));
        Assert.Equal("io.k8s.api.apps.v1.Deployment", deployment.DefinitionName);
        var spec = deployment.Property("spec")!;
        Assert.Equal("retainKeys", spec.Property("strategy")!.PatchStrategy);
        var rolling = spec.Property("strategy")!.Property("rollingUpdate")!;
        Assert.Equal("io.k8s.api.apps.v1.RollingUpdateDeployment", rolling.DefinitionName);
        Assert.Equal(2, rolling.Property("maxSurge")!.ProtoNumber);
        var conditions = deployment.Property("status")!.Property("conditions")!;
        Assert.Equal(("merge", "type"), (conditions.PatchStrategy, conditions.PatchMergeKey));
        Assert.Equal(["selector", "template"], spec.Required!);

        var version = builder.Build(typeof(CustomResourceDefinitionVersion));
        Assert.Equal("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionVersion", version.DefinitionName);
        Assert.NotNull(version.Property("schema")!.Property("openAPIV3Schema"));
        Assert.Equal("io.k8s.api.networking.v1.HTTPIngressPath", builder.Build(typeof(HTTPIngressPath)).DefinitionName);
    }
}
