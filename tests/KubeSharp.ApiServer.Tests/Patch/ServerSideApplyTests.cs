using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Patch;
using static KubeSharp.ApiServer.Tests.Patch.TestSchemas;

namespace KubeSharp.ApiServer.Tests.Patch;

public sealed class ServerSideApplyTests
{
    static readonly DateTimeOffset T0 = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    static JsonObject Config(int replicas = 2, string image = "nginx:1", string labels = "\"app\":\"web\"", string extraContainer = "") => Parse(
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"labels\":{" + labels + "}},"
        + "\"spec\":{\"replicas\":" + replicas + ",\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
        + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"" + image + "\"}"
        + extraContainer + "]}}}}");

    static ApplyResult Apply(JsonObject? live, JsonObject config, string manager = "kubectl", bool force = false, DateTimeOffset? at = null) =>
        ServerSideApply.Apply(live, config, manager, force, Deployment, at ?? T0);

    static JsonObject Applied(JsonObject? live, JsonObject config, string manager = "kubectl", bool force = false, DateTimeOffset? at = null)
    {
        var result = Apply(live, config, manager, force, at);
        Assert.False(result.HasConflicts, result.HasConflicts ? result.ConflictMessage : "");
        return result.Object!;
    }

    static JsonArray Entries(JsonObject obj) => obj["metadata"]!["managedFields"]!.AsArray();

    /// <summary>The manager's entry; its Apply entry when it also has others.</summary>
    static JsonObject Entry(JsonObject obj, string manager)
    {
        var entries = Entries(obj).Where(e => e!["manager"]!.GetValue<string>() == manager).ToList();
        return (entries.Count == 1 ? entries[0] : entries.Single(e => e!["operation"]!.GetValue<string>() == "Apply"))!.AsObject();
    }

    static bool Owns(JsonObject obj, string manager, params string[] path)
    {
        JsonNode? node = Entry(obj, manager)["fieldsV1"];
        foreach (var step in path) node = node?[step];
        return node is not null;
    }

    [Fact]
    public void Create_by_apply_records_one_apply_entry()
    {
        var created = Applied(null, Config());
        var entry = Assert.Single(Entries(created))!;
        Assert.Equal("kubectl", entry["manager"]!.GetValue<string>());
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());
        Assert.Equal("apps/v1", entry["apiVersion"]!.GetValue<string>());
        Assert.Equal("2024-05-01T12:00:00Z", entry["time"]!.GetValue<string>());
        Assert.Equal("FieldsV1", entry["fieldsType"]!.GetValue<string>());
        Assert.Equal("""
            {"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{"f:matchLabels":{"f:app":{}}},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}
            """.Trim(), Json(entry["fieldsV1"]));
        Assert.Equal(2, created["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public void Reapplying_without_a_field_removes_it_and_keeps_unowned_defaults()
    {
        var live = Applied(null, Config(labels: "\"app\":\"web\",\"tier\":\"front\""));
        // Defaulting by the server: nobody owns these.
        live["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"] = "IfNotPresent";
        live["spec"]!["template"]!["spec"]!["restartPolicy"] = "Always";

        var result = Apply(live, Config(image: "nginx:2"), at: T0.AddMinutes(1));
        var updated = result.Object!;
        Assert.True(result.Changed);
        Assert.Equal("""{"app":"web"}""", Json(updated["metadata"]!["labels"]));
        Assert.Equal("nginx:2", updated["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal("IfNotPresent", updated["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());
        Assert.Equal("Always", updated["spec"]!["template"]!["spec"]!["restartPolicy"]!.GetValue<string>());
        Assert.False(Owns(updated, "kubectl", "f:metadata", "f:labels", "f:tier"));
        Assert.Equal("2024-05-01T12:01:00Z", Entry(updated, "kubectl")["time"]!.GetValue<string>());
    }

    [Fact]
    public void Removing_the_last_label_drops_the_emptied_map()
    {
        var live = Applied(null, Config());
        var config = Config();
        config["metadata"]!.AsObject().Remove("labels");
        var updated = Applied(live, config);
        Assert.Null(updated["metadata"]!["labels"]);
    }

    [Fact]
    public void Container_removed_from_the_configuration_is_removed()
    {
        var live = Applied(null, Config(extraContainer: ",{\"name\":\"sidecar\",\"image\":\"busybox\"}"));
        Assert.Equal(2, live["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Count);
        var updated = Applied(live, Config());
        Assert.Equal("web", Assert.Single(updated["spec"]!["template"]!["spec"]!["containers"]!.AsArray())!["name"]!.GetValue<string>());
    }

    [Fact]
    public void No_op_apply_keeps_the_timestamp()
    {
        var live = Applied(null, Config());
        var result = Apply(live, Config(), at: T0.AddHours(1));
        Assert.False(result.Changed);
        Assert.Equal("2024-05-01T12:00:00Z", Entry(result.Object!, "kubectl")["time"]!.GetValue<string>());
    }

    [Fact]
    public void Changing_a_field_owned_by_client_side_apply_conflicts()
    {
        var live = ServerSideApply.TrackUpdate(null, Config(), "kubectl-client-side-apply", Deployment, T0);
        var result = Apply(live, Config(replicas: 3));
        Assert.True(result.HasConflicts);
        Assert.Null(result.Object);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas", result.ConflictMessage);
        var cause = Assert.Single(ApplyConflictMessage.Causes(result.Conflicts));
        Assert.Equal(("FieldManagerConflict", "conflict with \"kubectl-client-side-apply\" using apps/v1", ".spec.replicas"), cause);
    }

    [Fact]
    public void Several_conflicts_are_listed_per_manager()
    {
        var live = ServerSideApply.TrackUpdate(null, Config(), "kubectl-client-side-apply", Deployment, T0);
        var result = Apply(live, Config(replicas: 3, image: "nginx:2"));
        Assert.Equal(
            "Apply failed with 2 conflicts: conflicts with \"kubectl-client-side-apply\" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name=\"web\"].image",
            result.ConflictMessage);
    }

    [Fact]
    public void Same_value_is_shared_ownership_not_a_conflict()
    {
        var live = ServerSideApply.TrackUpdate(null, Config(), "kubectl-client-side-apply", Deployment, T0);
        var updated = Applied(live, Config());
        Assert.True(Owns(updated, "kubectl", "f:spec", "f:replicas"));
        Assert.True(Owns(updated, "kubectl-client-side-apply", "f:spec", "f:replicas"));
    }

    [Fact]
    public void Force_takes_ownership()
    {
        var live = ServerSideApply.TrackUpdate(null, Config(), "kubectl-client-side-apply", Deployment, T0);
        var updated = Applied(live, Config(replicas: 5), force: true);
        Assert.Equal(5, updated["spec"]!["replicas"]!.GetValue<int>());
        Assert.True(Owns(updated, "kubectl", "f:spec", "f:replicas"));
        Assert.False(Owns(updated, "kubectl-client-side-apply", "f:spec", "f:replicas"));
        Assert.True(Owns(updated, "kubectl-client-side-apply", "f:spec", "f:selector"));
        // Apply entries sort before Update entries, as upstream encodes them.
        Assert.Equal(["kubectl", "kubectl-client-side-apply"], Entries(updated).Select(e => e!["manager"]!.GetValue<string>()));
    }

    [Fact]
    public void Scale_takes_replicas_from_the_applier_and_the_next_apply_conflicts()
    {
        var live = Applied(null, Config());
        var scaled = live.DeepClone().AsObject();
        scaled["spec"]!["replicas"] = 7;
        scaled = ServerSideApply.TrackUpdate(live, scaled, "kubectl", "Update", "scale", Deployment, T0.AddMinutes(1));
        Assert.False(Owns(scaled, "kubectl", "f:spec", "f:replicas")); // the Apply entry lost it
        var scaleEntry = Entries(scaled).Single(e => e!["subresource"]?.GetValue<string>() == "scale")!;
        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", Json(scaleEntry["fieldsV1"]));

        var result = Apply(scaled, Config(replicas: 2));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl\" with subresource \"scale\" using apps/v1: .spec.replicas", result.ConflictMessage);
    }

    [Fact]
    public void Field_still_owned_by_another_applier_is_kept()
    {
        var live = Applied(null, Config(labels: "\"app\":\"web\",\"team\":\"a\""), "alice");
        live = Applied(live, Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"team":"a"}}}"""), "bob");
        Assert.True(Owns(live, "bob", "f:metadata", "f:labels", "f:team"));

        var updated = Applied(live, Config(), "alice");
        Assert.Equal("a", updated["metadata"]!["labels"]!["team"]!.GetValue<string>());
        Assert.False(Owns(updated, "alice", "f:metadata", "f:labels", "f:team"));
    }

    [Fact]
    public void Two_appliers_own_different_containers()
    {
        var live = Applied(null, Config(), "alice");
        var bobConfig = Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"template":{"spec":{"containers":[{"name":"proxy","image":"envoy"}]}}}}
            """);
        live = Applied(live, bobConfig, "bob");
        var containers = live["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["web", "proxy"], containers.Select(c => c!["name"]!.GetValue<string>()));

        // Alice re-applies her unchanged file: bob's container stays.
        var again = Applied(live, Config(image: "nginx:2"), "alice");
        Assert.Equal(2, again["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Count);
        Assert.True(Owns(again, "bob", "f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"proxy\"}", "f:image"));
    }

    [Fact]
    public void Merged_list_keeps_live_only_items_in_place_and_shared_items_in_applied_order()
    {
        var live = ServerSideApply.TrackUpdate(null, Config(extraContainer:
            ",{\"name\":\"b\",\"image\":\"b\"},{\"name\":\"c\",\"image\":\"c\"}"), "creator", Deployment, T0);
        var config = Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"template":{"spec":{"containers":[{"name":"c","image":"c"},{"name":"web","image":"nginx:1"},{"name":"d","image":"d"}]}}}}
            """);
        var updated = Applied(live, config);
        Assert.Equal(["b", "c", "web", "d"], updated["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Object_without_managed_fields_belongs_to_before_first_apply()
    {
        var legacy = Config();
        var result = Apply(legacy, Config(replicas: 4));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: .spec.replicas", result.ConflictMessage);

        var ok = Applied(legacy, Config());
        Assert.True(Owns(ok, "before-first-apply", "f:spec", "f:replicas"));
        Assert.True(Owns(ok, "kubectl", "f:spec", "f:replicas"));
    }

    [Fact]
    public void Port_without_protocol_matches_the_defaulted_live_port()
    {
        var withPort = Config(image: "nginx:1\",\"ports\":[{\"containerPort\":80}],\"x\":\"");
        withPort["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject().Remove("x");
        var live = Applied(null, withPort);
        live["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["protocol"] = "TCP"; // defaulting

        var updated = Applied(live, withPort);
        Assert.Equal("""[{"containerPort":80,"protocol":"TCP"}]""", Json(updated["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]));
        Assert.True(Owns(updated, "kubectl", "f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"web\"}", "f:ports",
            "k:{\"containerPort\":80,\"protocol\":\"TCP\"}"));
    }

    [Fact]
    public void Managed_fields_in_the_applied_configuration_are_rejected()
    {
        var config = Config();
        config["metadata"]!["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "x" });
        var ex = Assert.Throws<PatchException>(() => Apply(null, config));
        Assert.Equal(400, ex.StatusCode);
    }

    [Fact]
    public void Ignored_fields_are_neither_owned_nor_conflicting()
    {
        var config = Config();
        config["status"] = new JsonObject { ["replicas"] = 9 };
        var result = ServerSideApply.Apply(null, config, "kubectl", false, Deployment, T0, ignoredFields: ["status"]);
        Assert.False(Owns(result.Object!, "kubectl", "f:status"));
    }

    [Fact]
    public void Inputs_are_not_changed()
    {
        var live = Applied(null, Config());
        var config = Config(replicas: 3);
        var (l, c) = (live.ToJsonString(), config.ToJsonString());
        Apply(live, config);
        Assert.Equal(l, live.ToJsonString());
        Assert.Equal(c, config.ToJsonString());
    }
}
