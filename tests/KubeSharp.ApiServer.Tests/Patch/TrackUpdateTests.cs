using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Patch;
using static KubeSharp.ApiServer.Tests.Patch.TestSchemas;

namespace KubeSharp.ApiServer.Tests.Patch;

public sealed class TrackUpdateTests
{
    static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    static JsonObject Pod() => Parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","uid":"u1","resourceVersion":"5","labels":{"app":"web"}},
         "spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"web","image":"nginx:1","env":[{"name":"A","value":"1"}]}]}}}}
        """);

    static JsonArray Entries(JsonObject obj) => obj["metadata"]!["managedFields"]!.AsArray();

    [Fact]
    public void Create_gives_every_field_to_the_creator_except_system_metadata()
    {
        var created = ServerSideApply.TrackUpdate(null, Pod(), "kubectl-create", Deployment, T0);
        var entry = Assert.Single(Entries(created))!;
        Assert.Equal("Update", entry["operation"]!.GetValue<string>());
        Assert.Equal("""
            {"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:env":{"k:{\"name\":\"A\"}":{".":{},"f:name":{},"f:value":{}}},"f:image":{},"f:name":{}}}}}}}
            """.Trim(), Json(entry["fieldsV1"]));
    }

    [Fact]
    public void Update_moves_changed_fields_and_forgets_removed_ones()
    {
        var created = ServerSideApply.TrackUpdate(null, Pod(), "kubectl-create", Deployment, T0);
        var edited = created.DeepClone().AsObject();
        edited["spec"]!["replicas"] = 2;
        edited["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject().Remove("env");
        edited["metadata"]!["labels"]!["tier"] = "front";
        var result = ServerSideApply.TrackUpdate(created, edited, "kubectl-edit", Deployment, T0.AddMinutes(5));

        var entries = Entries(result);
        Assert.Equal(2, entries.Count);
        var create = entries.Single(e => e!["manager"]!.GetValue<string>() == "kubectl-create")!;
        var edit = entries.Single(e => e!["manager"]!.GetValue<string>() == "kubectl-edit")!;
        Assert.Equal("""{"f:metadata":{"f:labels":{"f:tier":{}}},"f:spec":{"f:replicas":{}}}""", Json(edit["fieldsV1"]));
        Assert.Null(create["fieldsV1"]!["f:spec"]!["f:replicas"]);
        Assert.Null(create["fieldsV1"]!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"web\"}"]!["f:env"]);
        Assert.Equal("2024-05-01T12:00:00Z", create["time"]!.GetValue<string>());
        Assert.Equal("2024-05-01T12:05:00Z", edit["time"]!.GetValue<string>());
    }

    [Fact]
    public void No_op_update_changes_nothing()
    {
        var created = ServerSideApply.TrackUpdate(null, Pod(), "kubectl-create", Deployment, T0);
        var same = ServerSideApply.TrackUpdate(created, created.DeepClone().AsObject(), "kubectl-edit", Deployment, T0.AddDays(1));
        Assert.True(JsonNode.DeepEquals(created, same));
    }

    [Fact]
    public void Same_manager_accumulates_its_fields()
    {
        var created = ServerSideApply.TrackUpdate(null, Pod(), "ctrl", Deployment, T0);
        var next = created.DeepClone().AsObject();
        next["spec"]!["replicas"] = 3;
        var result = ServerSideApply.TrackUpdate(created, next, "ctrl", Deployment, T0.AddMinutes(1));
        var entry = Assert.Single(Entries(result))!;
        Assert.NotNull(entry["fieldsV1"]!["f:metadata"]!["f:labels"]!["f:app"]);
        Assert.NotNull(entry["fieldsV1"]!["f:spec"]!["f:replicas"]);
    }

    [Fact]
    public void Requested_reset_clears_managed_fields()
    {
        var created = ServerSideApply.TrackUpdate(null, Pod(), "kubectl-create", Deployment, T0);
        var reset = created.DeepClone().AsObject();
        reset["metadata"]!["managedFields"] = new JsonArray(new JsonObject());
        var result = ServerSideApply.TrackUpdate(created, reset, "kubectl", Deployment, T0);
        Assert.Null(result["metadata"]!["managedFields"]);
    }

    [Fact]
    public void Subresource_updates_ignore_managed_fields_in_the_request()
    {
        var created = ServerSideApply.TrackUpdate(null, Pod(), "kubectl-create", Deployment, T0);
        var status = created.DeepClone().AsObject();
        status["metadata"]!["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "evil", ["operation"] = "Update", ["fieldsV1"] = new JsonObject { ["f:spec"] = new JsonObject() } });
        status["status"] = new JsonObject { ["replicas"] = 1 };
        var result = ServerSideApply.TrackUpdate(created, status, "deployment-controller", "Update", "status", Deployment, T0);
        var managers = Entries(result).Select(e => e!["manager"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("evil", managers);
        Assert.Contains("deployment-controller", managers);
        Assert.Equal("status", Entries(result).Single(e => e!["manager"]!.GetValue<string>() == "deployment-controller")!["subresource"]!.GetValue<string>());
    }
}
