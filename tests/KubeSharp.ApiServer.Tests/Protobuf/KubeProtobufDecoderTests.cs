using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.Api.Schema;
using KubeSharp.ApiServer.Protobuf;
using static KubeSharp.ApiServer.Tests.Protobuf.ProtoMessage;

namespace KubeSharp.ApiServer.Tests.Protobuf;

/// <summary>Bodies as kubectl's typed clients send them, decoded against the real model's schemas.</summary>
public class KubeProtobufDecoderTests
{
    static readonly SchemaCatalog Catalog = SchemaCatalog.ForModel();

    static JsonObject Decode(byte[] body) => new KubeProtobufDecoder().Decode(body, Catalog);

    static void AssertJson(string expected, JsonObject actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual.ToJsonString()}");

    [Fact]
    public void Namespace_drops_what_json_would_omit()
    {
        var raw = new ProtoMessage()
            .Message(1, ObjectMeta("team-a", more: m => m.MapEntry(11, "env", "dev")))
            .Message(2, new ProtoMessage())
            .Message(3, s => s.String(1, ""));
        var json = Decode(Envelope("v1", "Namespace", raw));
        AssertJson("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a","labels":{"env":"dev"}},"spec":{},"status":{}}""", json);
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], json.Select(p => p.Key));
    }

    [Fact]
    public void ConfigMap_keeps_empty_values_inside_maps()
    {
        var raw = new ProtoMessage()
            .Message(1, ObjectMeta("cfg", "default"))
            .MapEntry(2, "greeting", "hello")
            .MapEntry(2, "empty", "")
            .MapEntry(3, "bin", new byte[] { 0, 1, 2 });
        AssertJson("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","namespace":"default"},
             "data":{"greeting":"hello","empty":""},"binaryData":{"bin":"AAEC"}}
            """, Decode(Envelope("v1", "ConfigMap", raw)));
    }

    [Fact]
    public void Secret_bytes_become_base64()
    {
        var raw = new ProtoMessage()
            .Message(1, ObjectMeta("creds", "default"))
            .MapEntry(2, "password", Encoding.UTF8.GetBytes("s3cr3t"))
            .String(3, "Opaque")
            .MapEntry(4, "user", "admin")
            .Bool(5, true);
        AssertJson("""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"creds","namespace":"default"},
             "data":{"password":"czNjcjN0"},"type":"Opaque","stringData":{"user":"admin"},"immutable":true}
            """, Decode(Envelope("v1", "Secret", raw)));
    }

    [Fact]
    public void Deployment_keeps_pointer_zero_replicas_and_drops_non_pointer_zeros()
    {
        var container = new ProtoMessage()
            .String(1, "web").String(2, "nginx:1.27")
            .Message(6, p => p.String(1, "").Varint(2, 0).Varint(3, 8080).String(4, "TCP").String(5, ""))
            .Message(8, r => r.MapEntry(1, "cpu", Quantity("500m")).MapEntry(2, "memory", Quantity("128Mi")))
            .String(13, "").String(20, "").String(14, "IfNotPresent")
            .Bool(16, false).Bool(17, false).Bool(18, false);
        var podSpec = new ProtoMessage()
            .Message(2, container)
            .String(3, "").Bool(11, false);
        var spec = new ProtoMessage()
            .Varint(1, 0)
            .Message(2, s => s.MapEntry(1, "app", "web"))
            .Message(3, t => t.Message(1, ObjectMeta("", more: m => m.MapEntry(11, "app", "web"))).Message(2, podSpec))
            .Message(4, st => st.String(1, "RollingUpdate").Message(2, ru => ru.Message(1, IntOrString(1)).Message(2, IntOrString("25%"))))
            .Varint(5, 0)
            .Bool(7, false);
        var raw = new ProtoMessage()
            .Message(1, ObjectMeta("web", "default", more: m => m.MapEntry(11, "app", "web")))
            .Message(2, spec)
            .Message(3, new ProtoMessage().Varint(1, 0).Varint(2, 0));

        AssertJson("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
             "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":8080,"protocol":"TCP"}],
                   "resources":{"limits":{"cpu":"500m"},"requests":{"memory":"128Mi"}},"imagePullPolicy":"IfNotPresent"}]}},
               "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":"25%"}}},
             "status":{}}
            """, Decode(Envelope("apps/v1", "Deployment", raw)));
    }

    [Fact]
    public void Times_are_rfc3339_and_zero_times_are_absent()
    {
        var raw = new ProtoMessage()
            .Message(1, ObjectMeta("t", creationSeconds: 1_700_000_000, more: m => m.Message(9, new ProtoMessage())));
        var meta = Decode(Envelope("v1", "Namespace", raw))["metadata"]!.AsObject();
        Assert.Equal("2023-11-14T22:13:20Z", meta["creationTimestamp"]!.GetValue<string>());
        Assert.False(meta.ContainsKey("deletionTimestamp"));
    }

    [Fact]
    public void SelfSubjectAccessReview_as_auth_can_i_sends_it()
    {
        var raw = new ProtoMessage()
            .Message(1, ObjectMeta(""))
            .Message(2, s => s.Message(1, a => a.String(1, "default").String(2, "create").String(3, "apps").String(4, "").String(5, "deployments").String(6, "").String(7, "")))
            .Message(3, st => st.Bool(1, false).String(2, "").String(3, "").Bool(4, false));
        AssertJson("""
            {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","metadata":{},
             "spec":{"resourceAttributes":{"namespace":"default","verb":"create","group":"apps","resource":"deployments"}},
             "status":{"allowed":false}}
            """, Decode(Envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", raw)));
    }
}
