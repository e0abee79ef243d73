using KubeSharp.Api.Model;
using KubeSharp.Api.Schema;
using KubeSharp.Api.Tests.Schema.TestModel.Apps;
using KubeSharp.Api.Tests.Schema.TestModel.Core;

namespace KubeSharp.Api.Tests.Schema;

public class ModelSchemaBuilderTests
{
    static readonly Type[] Kinds = [typeof(Widget), typeof(Gizmo)];

    static SchemaNode Spec() => new ModelSchemaBuilder(Kinds).Build(typeof(Widget)).Property("spec")!;

    [Fact]
    public void Top_level_kind_has_upstream_style_name_and_group_version_kind()
    {
        var widget = new ModelSchemaBuilder(Kinds).Build(typeof(Widget));
        Assert.Equal("io.k8s.api.core.v1.Widget", widget.DefinitionName);
        Assert.Equal(("", "v1", "Widget"), widget.GroupVersionKind);
        Assert.Equal("A widget for schema tests.", widget.Description);
        Assert.Equal(["apiVersion", "kind", "metadata", "spec"], widget.Properties!.Keys);
        Assert.Equal(1, widget.Property("metadata")!.ProtoNumber);
        Assert.Equal(DefinitionNames.ObjectMeta, widget.Property("metadata")!.DefinitionName);
    }

    [Fact]
    public void Nested_types_take_the_group_version_of_the_kinds_in_their_namespace()
    {
        var builder = new ModelSchemaBuilder(Kinds);
        Assert.Equal("io.k8s.api.core.v1.WidgetSpec", builder.DefinitionName(typeof(WidgetSpec)));
        Assert.Equal("io.k8s.api.apps.v1.GizmoSpec", builder.DefinitionName(typeof(GizmoSpec)));
        Assert.Equal("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector", builder.DefinitionName(typeof(LabelSelector)));
        Assert.Equal(DefinitionNames.ObjectMeta, builder.DefinitionName(typeof(ObjectMeta)));
    }

    [Fact]
    public void Scalars_map_to_types_formats_and_proto_kinds()
    {
        var spec = Spec();
        var replicas = spec.Property("replicas")!;
        Assert.Equal(("integer", "int32", ProtoKind.Int32, 1, false), (replicas.Type, replicas.Format, replicas.ProtoKind, replicas.ProtoNumber, replicas.OmitZero));
        Assert.Equal("How many.", replicas.Description);
        var total = spec.Property("total")!;
        Assert.Equal(("integer", "int64", ProtoKind.Int64, true), (total.Type, total.Format, total.ProtoKind, total.OmitZero));
        Assert.Equal(("boolean", true), (spec.Property("enabled")!.Type, spec.Property("enabled")!.OmitZero));
        Assert.Equal("string", spec.Property("hostIP")!.Type);
        Assert.Null(spec.Property("hostIp"));
        Assert.Null(spec.Property("hidden"));
    }

    [Fact]
    public void Apimachinery_types_are_shared_definitions_with_their_wire_shapes()
    {
        var spec = Spec();
        var port = spec.Property("port")!;
        Assert.Equal((DefinitionNames.IntOrString, ProtoKind.IntOrString, true, 7), (port.DefinitionName, port.ProtoKind, port.IntOrString, port.ProtoNumber));
        Assert.Equal("A port.", port.Description);
        var since = spec.Property("since")!;
        Assert.Equal((DefinitionNames.Time, ProtoKind.Time, "date-time"), (since.DefinitionName, since.ProtoKind, since.Format));
        Assert.Equal((DefinitionNames.MicroTime, ProtoKind.MicroTime), (spec.Property("at")!.DefinitionName, spec.Property("at")!.ProtoKind));
        var limits = spec.Property("limits")!;
        Assert.Equal("object", limits.Type);
        Assert.Equal((DefinitionNames.Quantity, ProtoKind.Quantity), (limits.AdditionalProperties!.DefinitionName, limits.AdditionalProperties.ProtoKind));
        var raw = spec.Property("raw")!;
        Assert.True(raw.PreserveUnknownFields);
        Assert.Equal(ProtoKind.RawExtension, raw.ProtoKind);
    }

    [Fact]
    public void Lists_and_maps_carry_patch_and_list_metadata()
    {
        var spec = Spec();
        var gadgets = spec.Property("gadgets")!;
        Assert.Equal(("array", "merge", "name", "map"), (gadgets.Type, gadgets.PatchStrategy, gadgets.PatchMergeKey, gadgets.ListType));
        Assert.Equal(["name"], gadgets.ListMapKeys!);
        Assert.Equal("io.k8s.api.core.v1.Gadget", gadgets.Items!.DefinitionName);
        Assert.Equal(["name"], gadgets.Items.Required!);
        var blobs = spec.Property("blobs")!;
        Assert.Equal(("object", "string", "byte", ProtoKind.Bytes), (blobs.Type, blobs.AdditionalProperties!.Type, blobs.AdditionalProperties.Format, blobs.AdditionalProperties.ProtoKind));
        Assert.Equal("string", spec.Property("settings")!.AdditionalProperties!.Type);
        Assert.Equal(ProtoKind.Int32, spec.Property("numbers")!.Items!.ProtoKind);
    }

    [Fact]
    public void Recursive_types_share_one_node_instead_of_looping()
    {
        var builder = new ModelSchemaBuilder(Kinds);
        var tree = builder.Build(typeof(Tree));
        var children = tree.Property("children")!;
        Assert.Same(tree, children.Items);
        Assert.Equal("atomic", tree.MapType);
        Assert.Same(tree, builder.Definitions["io.k8s.api.core.v1.Tree"]);
    }

    [Fact]
    public void A_use_of_a_definition_is_a_copy_sharing_the_definitions_properties()
    {
        var builder = new ModelSchemaBuilder(Kinds);
        var spec = builder.Build(typeof(WidgetSpec));
        var gizmoTemplate = builder.Build(typeof(GizmoSpec)).Property("template")!;
        Assert.NotSame(spec, gizmoTemplate);
        Assert.Same(spec.Properties, gizmoTemplate.Properties);
        Assert.Equal(1, gizmoTemplate.ProtoNumber);
        Assert.Equal(0, spec.ProtoNumber);
    }
}
