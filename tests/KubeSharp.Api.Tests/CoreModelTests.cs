using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Schema;

namespace KubeSharp.Api.Tests;

public class CoreModelTests
{
    const string PodJson = """
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "name": "web-7d4b9c8f6-x2k9p",
            "namespace": "default",
            "uid": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            "resourceVersion": "4711",
            "creationTimestamp": "2024-05-06T07:08:09Z",
            "labels": { "app": "web" },
            "ownerReferences": [
              { "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d4b9c8f6", "uid": "aa", "controller": true, "blockOwnerDeletion": true }
            ]
          },
          "spec": {
            "volumes": [
              { "name": "config", "configMap": { "name": "web-config", "defaultMode": 420, "items": [ { "key": "app.yaml", "path": "app.yaml" } ] } },
              { "name": "scratch", "emptyDir": { "sizeLimit": "1Gi" } },
              { "name": "token", "projected": { "sources": [ { "serviceAccountToken": { "path": "token", "expirationSeconds": 3607 } } ] } }
            ],
            "containers": [
              {
                "name": "web",
                "image": "nginx:1.27",
                "ports": [ { "name": "http", "containerPort": 80, "protocol": "TCP" } ],
                "env": [
                  { "name": "MODE", "value": "prod" },
                  { "name": "POD_IP", "valueFrom": { "fieldRef": { "apiVersion": "v1", "fieldPath": "status.podIP" } } },
                  { "name": "PASSWORD", "valueFrom": { "secretKeyRef": { "name": "db", "key": "password", "optional": false } } }
                ],
                "resources": { "requests": { "cpu": "100m", "memory": "128Mi" }, "limits": { "memory": "256Mi" } },
                "volumeMounts": [ { "name": "config", "mountPath": "/etc/web", "readOnly": true } ],
                "livenessProbe": { "httpGet": { "path": "/healthz", "port": "http", "scheme": "HTTP" }, "periodSeconds": 10, "failureThreshold": 3 },
                "readinessProbe": { "grpc": { "port": 9090 }, "initialDelaySeconds": 2 },
                "lifecycle": { "preStop": { "sleep": { "seconds": 5 } } },
                "securityContext": { "runAsNonRoot": true, "capabilities": { "drop": [ "ALL" ] }, "seccompProfile": { "type": "RuntimeDefault" } },
                "imagePullPolicy": "IfNotPresent"
              }
            ],
            "restartPolicy": "Always",
            "terminationGracePeriodSeconds": 30,
            "nodeName": "node-1",
            "tolerations": [ { "key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300 } ],
            "affinity": {
              "podAntiAffinity": {
                "preferredDuringSchedulingIgnoredDuringExecution": [
                  { "weight": 100, "podAffinityTerm": { "topologyKey": "kubernetes.io/hostname", "labelSelector": { "matchLabels": { "app": "web" } } } }
                ]
              }
            },
            "topologySpreadConstraints": [ { "maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "ScheduleAnyway" } ]
          },
          "status": {
            "phase": "Running",
            "conditions": [ { "type": "Ready", "status": "True", "lastTransitionTime": "2024-05-06T07:08:20Z" } ],
            "hostIP": "10.0.0.11",
            "hostIPs": [ { "ip": "10.0.0.11" } ],
            "podIP": "10.244.1.7",
            "podIPs": [ { "ip": "10.244.1.7" }, { "ip": "fd00::7" } ],
            "startTime": "2024-05-06T07:08:10Z",
            "qosClass": "Burstable",
            "containerStatuses": [
              {
                "name": "web", "ready": true, "restartCount": 2, "started": true,
                "image": "nginx:1.27", "imageID": "docker.io/library/nginx@sha256:abc", "containerID": "containerd://123",
                "state": { "running": { "startedAt": "2024-05-06T07:08:15Z" } },
                "lastState": { "terminated": { "exitCode": 137, "reason": "OOMKilled", "startedAt": "2024-05-06T07:00:00Z", "finishedAt": "2024-05-06T07:08:14Z" } }
              }
            ]
          }
        }
        """;

    const string ServiceJson = """
        {
          "apiVersion": "v1",
          "kind": "Service",
          "metadata": { "name": "web", "namespace": "default" },
          "spec": {
            "type": "NodePort",
            "selector": { "app": "web" },
            "ports": [
              { "name": "http", "protocol": "TCP", "port": 80, "targetPort": "http", "nodePort": 30080 },
              { "name": "metrics", "protocol": "TCP", "port": 9100, "targetPort": 9100 }
            ],
            "clusterIP": "10.96.0.20",
            "clusterIPs": [ "10.96.0.20" ],
            "ipFamilies": [ "IPv4" ],
            "ipFamilyPolicy": "SingleStack",
            "externalIPs": [ "192.0.2.10" ],
            "sessionAffinity": "ClientIP",
            "sessionAffinityConfig": { "clientIP": { "timeoutSeconds": 10800 } },
            "externalTrafficPolicy": "Cluster",
            "internalTrafficPolicy": "Cluster"
          },
          "status": { "loadBalancer": {} }
        }
        """;

    const string SecretJson = """
        {
          "apiVersion": "v1",
          "kind": "Secret",
          "metadata": { "name": "db", "namespace": "default" },
          "type": "Opaque",
          "data": { "username": "YWRtaW4=", "password": "czNjcjN0IQ==" }
        }
        """;

    static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, KubeJson.Options)!;

    static void AssertRoundTrips<T>(string json)
    {
        var original = JsonNode.Parse(json)!;
        var again = JsonSerializer.SerializeToNode(Read<T>(json), KubeJson.Options)!;
        Assert.True(JsonNode.DeepEquals(original, again), $"round trip changed the document:\n{again.ToJsonString()}");
    }

    [Fact]
    public void Pod_round_trips_unchanged() => AssertRoundTrips<Pod>(PodJson);

    [Fact]
    public void Service_round_trips_unchanged() => AssertRoundTrips<Service>(ServiceJson);

    [Fact]
    public void Secret_round_trips_unchanged() => AssertRoundTrips<Secret>(SecretJson);

    [Fact]
    public void Pod_fields_are_typed()
    {
        var pod = Read<Pod>(PodJson);
        var container = Assert.Single(pod.Spec!.Containers!);
        Assert.Equal(80, container.Ports![0].ContainerPortNumber);
        Assert.Equal(100, container.Resources!.Requests!["cpu"].MilliValue());
        Assert.Equal(128L * 1024 * 1024, container.Resources.Requests["memory"].IntegerValue());
        Assert.Equal(new IntOrString("http"), container.LivenessProbe!.HTTPGet!.Port);
        Assert.Equal(9090, container.ReadinessProbe!.GRPC!.Port);
        Assert.Equal("status.podIP", container.Env![1].ValueFrom!.FieldRef!.FieldPath);
        Assert.Equal("web-config", pod.Spec.Volumes![0].ConfigMap!.Name);
        Assert.Equal("1Gi", pod.Spec.Volumes[1].EmptyDir!.SizeLimit!.Value);
        Assert.Equal(3607L, pod.Spec.Volumes[2].Projected!.Sources![0].ServiceAccountToken!.ExpirationSeconds);
        Assert.Equal(["10.244.1.7", "fd00::7"], pod.Status!.PodIPs!.Select(ip => ip.IP));
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 10, TimeSpan.Zero), pod.Status.StartTime);
        Assert.Equal(137, pod.Status.ContainerStatuses![0].LastState!.Terminated!.ExitCode);
    }

    [Fact]
    public void Service_ports_keep_int_or_string_target_ports()
    {
        var ports = Read<Service>(ServiceJson).Spec!.Ports!;
        Assert.False(ports[0].TargetPort!.Value.IsInt);
        Assert.Equal("http", ports[0].TargetPort!.Value.StringValue);
        Assert.Equal(9100, ports[1].TargetPort!.Value.IntValue);
        Assert.Equal(30080, ports[0].NodePort);
    }

    [Fact]
    public void Secret_data_is_base64_decoded_bytes()
    {
        var secret = Read<Secret>(SecretJson);
        Assert.Equal("admin", Encoding.UTF8.GetString(secret.Data!["username"]));

        var written = KubeJson.ToObject(secret with { Data = new() { ["token"] = Encoding.UTF8.GetBytes("abc") } });
        Assert.Equal("YWJj", written["data"]!["token"]!.GetValue<string>());
    }

    [Fact]
    public void Times_are_written_in_utc_with_second_precision()
    {
        var pod = new Pod { Status = new PodStatus { StartTime = new DateTimeOffset(2024, 1, 2, 5, 4, 5, 678, TimeSpan.FromHours(2)) } };
        Assert.Equal("2024-01-02T03:04:05Z", KubeJson.ToObject(pod)["status"]!["startTime"]!.GetValue<string>());
    }

    [Fact]
    public void Micro_times_keep_microseconds_while_times_do_not()
    {
        const string json = """
            {
              "apiVersion": "v1", "kind": "Event",
              "metadata": { "name": "web.17c", "namespace": "default" },
              "involvedObject": { "kind": "Pod", "namespace": "default", "name": "web", "uid": "0f1e" },
              "reason": "Pulled", "message": "Image pulled", "type": "Normal", "count": 3,
              "source": { "component": "kubelet", "host": "node-1" },
              "firstTimestamp": "2024-05-06T07:08:09Z", "lastTimestamp": "2024-05-06T07:09:10Z",
              "eventTime": "2024-05-06T07:08:09.123456Z",
              "series": { "count": 2, "lastObservedTime": "2024-05-06T07:09:10.000001Z" },
              "reportingComponent": "kubelet", "reportingInstance": "node-1"
            }
            """;
        AssertRoundTrips<Event>(json);

        var written = KubeJson.ToObject(new Event { EventTime = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560) });
        Assert.Equal("2024-01-02T03:04:05.123456Z", written["eventTime"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Pod", "spec.containers", "merge", "name")]
    [InlineData("Pod", "spec.volumes", "merge,retainKeys", "name")]
    [InlineData("Service", "spec.ports", "merge", "port")]
    [InlineData("ServiceAccount", "secrets", "merge", "name")]
    public void Lists_carry_strategic_merge_metadata(string kind, string path, string strategy, string mergeKey)
    {
        var node = Walk(SchemaCatalog.ForModel().ForKind(new("", "v1", kind))!, path);
        Assert.Equal(strategy, node.PatchStrategy);
        Assert.Equal(mergeKey, node.PatchMergeKey);
    }

    [Fact]
    public void Container_ports_are_a_map_list_keyed_by_port_and_protocol()
    {
        var ports = Walk(SchemaCatalog.ForModel().ForKind(new("", "v1", "Pod"))!, "spec.containers").Items!.Property("ports")!;
        Assert.Equal("map", ports.ListType);
        Assert.Equal(["containerPort", "protocol"], ports.ListMapKeys!);
        Assert.Equal("io.k8s.api.core.v1.ContainerPort", ports.Items!.DefinitionName);
    }

    [Theory]
    [InlineData("ConfigMap", "data", 2)]
    [InlineData("ConfigMap", "binaryData", 3)]
    [InlineData("ConfigMap", "immutable", 4)]
    [InlineData("Secret", "data", 2)]
    [InlineData("Secret", "type", 3)]
    [InlineData("Secret", "stringData", 4)]
    [InlineData("Secret", "immutable", 5)]
    [InlineData("Event", "eventTime", 10)]
    [InlineData("Binding", "target", 2)]
    public void Top_level_fields_have_upstream_proto_numbers(string kind, string field, int number) =>
        Assert.Equal(number, SchemaCatalog.ForModel().ForKind(new("", "v1", kind))!.Property(field)!.ProtoNumber);

    [Theory]
    [InlineData("Pod", "status.podIPs")]
    [InlineData("Pod", "status.hostIPs")]
    [InlineData("Pod", "spec.hostPID")]
    [InlineData("Pod", "spec.dnsPolicy")]
    [InlineData("Pod", "spec.serviceAccount")]
    [InlineData("Pod", "spec.securityContext.seLinuxOptions")]
    [InlineData("Pod", "spec.securityContext.fsGroup")]
    [InlineData("Pod", "spec.volumes.iscsi")]
    [InlineData("Pod", "spec.volumes.cephfs")]
    [InlineData("Pod", "spec.volumes.fc.wwids")]
    [InlineData("Pod", "spec.volumes.azureDisk.diskURI")]
    [InlineData("Pod", "status.containerStatuses.lastState")]
    [InlineData("Pod", "spec.containers.livenessProbe.httpGet")]
    [InlineData("Service", "spec.clusterIPs")]
    [InlineData("Service", "spec.externalIPs")]
    [InlineData("Service", "spec.ipFamilies")]
    [InlineData("Service", "spec.ipFamilyPolicy")]
    [InlineData("Node", "spec.externalID")]
    [InlineData("Node", "spec.podCIDRs")]
    [InlineData("Node", "status.daemonEndpoints.kubeletEndpoint.Port")]
    [InlineData("Event", "reportingComponent")]
    public void Json_names_match_upstream(string kind, string path) =>
        Assert.NotNull(Walk(SchemaCatalog.ForModel().ForKind(new("", "v1", kind))!, path));

    [Fact]
    public void Embedded_struct_fields_record_their_wire_position()
    {
        var configMap = typeof(ConfigMapKeySelector).GetProperty(nameof(ConfigMapKeySelector.Name))!;
        var embedded = Assert.Single(configMap.GetCustomAttributes(typeof(ProtoEmbeddedAttribute), false).Cast<ProtoEmbeddedAttribute>());
        Assert.Equal((1, 1), (embedded.EmbeddedNumber, embedded.Number));

        var emptyDir = typeof(Volume).GetProperty(nameof(Volume.EmptyDir))!;
        var inVolume = Assert.Single(emptyDir.GetCustomAttributes(typeof(ProtoEmbeddedAttribute), false).Cast<ProtoEmbeddedAttribute>());
        Assert.Equal((2, 2), (inVolume.EmbeddedNumber, inVolume.Number));
    }

    [Fact]
    public void Every_served_kind_of_these_groups_has_a_model_type()
    {
        var catalog = SchemaCatalog.ForModel();
        var groups = new[] { "", "policy", "authorization.k8s.io" };
        var missing = BuiltInResources.Create()
            .Where(d => groups.Contains(d.Group) && catalog.ModelType(d.Gvk) is null)
            .Select(d => d.Gvk.ToString()).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_property_has_a_description()
    {
        var undocumented = typeof(Pod).Assembly.GetTypes()
            .Where(t => t.Namespace is "KubeSharp.Api.Model.Core" or "KubeSharp.Api.Model.Policy" or "KubeSharp.Api.Model.Autoscaling" or "KubeSharp.Api.Model.Authorization")
            .Where(t => t.IsClass && !t.IsAbstract && t.IsPublic)
            .SelectMany(t => t.GetProperties().Where(p => p.DeclaringType == t && p.Name != "EqualityContract").Select(p => (t, p)))
            .Where(x => x.p.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false).Length == 0)
            .Select(x => $"{x.t.Name}.{x.p.Name}").ToList();
        Assert.Empty(undocumented);
    }

    /// <summary>Follows dotted JSON property names through objects and array items.</summary>
    static SchemaNode Walk(SchemaNode node, string path)
    {
        foreach (var name in path.Split('.'))
        {
            if (node.Type == "array") node = node.Items!;
            node = node.Property(name) ?? throw new Xunit.Sdk.XunitException($"no property {name} in {path}");
        }
        return node;
    }
}
