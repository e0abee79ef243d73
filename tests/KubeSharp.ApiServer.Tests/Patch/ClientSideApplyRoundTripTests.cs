using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Patch;
using static KubeSharp.ApiServer.Tests.Patch.TestSchemas;

namespace KubeSharp.ApiServer.Tests.Patch;

/// <summary>
/// <c>kubectl apply</c> (client-side) round trips: the live object after create (with server defaults),
/// the three-way patch kubectl 1.32 sends for the changed file, and the object the server must end with.
/// </summary>
public sealed class ClientSideApplyRoundTripTests
{
    const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>What the server holds after <c>kubectl apply</c> created the deployment and defaulting ran.</summary>
    static JsonObject LiveDeployment() => Parse("""
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","namespace":"default","generation":1,
           "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"old\":true}\n"},"labels":{"app":"web","tier":"front"}},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
           "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
           "template":{"metadata":{"labels":{"app":"web"}},
             "spec":{"restartPolicy":"Always",
               "tolerations":[{"key":"a","operator":"Exists"}],
               "volumes":[{"name":"config","configMap":{"name":"web-config"}}],
               "containers":[
                 {"name":"web","image":"nginx:1","imagePullPolicy":"IfNotPresent","terminationMessagePath":"/dev/termination-log",
                  "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
                  "ports":[{"containerPort":80,"protocol":"TCP"}]},
                 {"name":"sidecar","image":"busybox","imagePullPolicy":"Always"}]}}},
         "status":{"replicas":2}}
        """);

    static JsonObject Patch(string patch) => StrategicMergePatch.Apply(LiveDeployment(), Parse(patch), Deployment);

    static JsonNode Containers(JsonObject d) => d["spec"]!["template"]!["spec"]!["containers"]!;

    [Fact]
    public void Image_change_with_set_element_order_keeps_defaults_and_order()
    {
        var result = Patch("""
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"new\":true}\n"}},
             "spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],
               "containers":[{"image":"nginx:2","name":"web"}]}}}}
            """);
        var web = Containers(result)[0]!;
        Assert.Equal("web", web["name"]!.GetValue<string>());
        Assert.Equal("nginx:2", web["image"]!.GetValue<string>());
        Assert.Equal("IfNotPresent", web["imagePullPolicy"]!.GetValue<string>());
        Assert.Equal("sidecar", Containers(result)[1]!["name"]!.GetValue<string>());
        Assert.Equal("{\"new\":true}\n", result["metadata"]!["annotations"]![LastApplied]!.GetValue<string>());
        Assert.Equal(2, result["status"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public void Container_removed_from_the_file_is_deleted()
    {
        var result = Patch("""
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],
               "containers":[{"$patch":"delete","name":"sidecar"}]}}}}
            """);
        Assert.Equal("""["web"]""", new JsonArray([.. Containers(result).AsArray().Select(c => (JsonNode)c!["name"]!.GetValue<string>())]).ToJsonString());
    }

    [Fact]
    public void Env_merges_by_name_with_additions_deletions_and_order()
    {
        var result = Patch("""
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],
               "containers":[{"$setElementOrder/env":[{"name":"C"},{"name":"A"}],
                 "env":[{"name":"C","value":"3"},{"$patch":"delete","name":"B"}],"name":"web"}]}}}}
            """);
        Assert.Equal("""[{"name":"C","value":"3"},{"name":"A","value":"1"}]""", Containers(result)[0]!["env"]!.ToJsonString());
    }

    [Fact]
    public void Added_port_merges_by_container_port()
    {
        var result = Patch("""
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],
               "containers":[{"$setElementOrder/ports":[{"containerPort":80},{"containerPort":443}],
                 "name":"web","ports":[{"containerPort":443,"name":"https"}]}]}}}}
            """);
        Assert.Equal("""[{"containerPort":80,"protocol":"TCP"},{"containerPort":443,"name":"https"}]""", Containers(result)[0]!["ports"]!.ToJsonString());
    }

    [Fact]
    public void Switching_to_recreate_drops_rolling_update()
    {
        var result = Patch("""{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"}}}""");
        Assert.Equal("""{"type":"Recreate"}""", result["spec"]!["strategy"]!.ToJsonString());
    }

    [Fact]
    public void Volume_source_switch_with_retain_keys()
    {
        var result = Patch("""
            {"spec":{"template":{"spec":{"$setElementOrder/volumes":[{"name":"config"}],
               "volumes":[{"$retainKeys":["emptyDir","name"],"configMap":null,"emptyDir":{},"name":"config"}]}}}}
            """);
        Assert.Equal("""[{"name":"config","emptyDir":{}}]""", result["spec"]!["template"]!["spec"]!["volumes"]!.ToJsonString());
    }

    [Fact]
    public void Tolerations_replace_as_a_whole()
    {
        var result = Patch("""{"spec":{"template":{"spec":{"tolerations":[{"effect":"NoSchedule","key":"b","operator":"Exists"}]}}}}""");
        Assert.Equal("""[{"effect":"NoSchedule","key":"b","operator":"Exists"}]""", result["spec"]!["template"]!["spec"]!["tolerations"]!.ToJsonString());
    }

    [Fact]
    public void Label_removed_from_the_file_is_deleted()
    {
        var result = Patch("""{"metadata":{"labels":{"tier":null}},"spec":{"replicas":3}}""");
        Assert.Equal("""{"app":"web"}""", result["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal(3, result["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public void Field_manager_records_client_side_apply_then_edit()
    {
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var created = ServerSideApply.TrackUpdate(null, LiveDeployment(), "kubectl-client-side-apply", Deployment, t0);
        var patched = Patch("""
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],
               "containers":[{"image":"nginx:2","name":"web"}]}}}}
            """);
        patched["metadata"]!["managedFields"] = created["metadata"]!["managedFields"]!.DeepClone();
        var edited = ServerSideApply.TrackUpdate(created, patched, "kubectl-edit", Deployment, t0.AddMinutes(1));

        var entries = edited["metadata"]!["managedFields"]!.AsArray();
        Assert.Equal(["kubectl-client-side-apply", "kubectl-edit"], entries.Select(e => e!["manager"]!.GetValue<string>()));
        var edit = Json(entries[1]!["fieldsV1"]);
        Assert.Equal("""{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{"f:image":{}}}}}}}""", edit);
        var csa = entries[0]!["fieldsV1"]!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"web\"}"]!.AsObject();
        Assert.False(csa.ContainsKey("f:image"));
        Assert.True(csa.ContainsKey("f:imagePullPolicy"));
        Assert.Equal("2024-01-01T00:01:00Z", entries[1]!["time"]!.GetValue<string>());
    }
}
