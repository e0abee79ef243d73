using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Schema;
using KubeSharp.Api.Tests.Schema.TestModel.Apps;
using KubeSharp.Api.Tests.Schema.TestModel.Core;

namespace KubeSharp.Api.Tests.Schema;

public class SchemaCatalogTests
{
    static SchemaCatalog TestCatalog() => new([typeof(Widget), typeof(Gizmo), typeof(WidgetSpec)]);

    [Fact]
    public void Finds_kinds_by_group_version_kind()
    {
        var catalog = TestCatalog();
        Assert.Equal("io.k8s.api.apps.v1.Gizmo", catalog.ForKind(new("apps", "v1", "Gizmo"))!.DefinitionName);
        Assert.Null(catalog.ForKind(new("apps", "v2", "Gizmo")));
        Assert.True(catalog.IsBuiltIn(new("", "v1", "Widget")));
        Assert.Equal(typeof(Widget), catalog.ModelType(new("", "v1", "Widget")));
        Assert.NotNull(catalog.Definition("io.k8s.api.core.v1.WidgetSpec"));
        Assert.Equal(DefinitionNames.ObjectMeta, catalog.ObjectMeta.DefinitionName);
    }

    [Fact]
    public void Synthesises_list_kinds()
    {
        var list = TestCatalog().ForKind(new("", "v1", "WidgetList"))!;
        Assert.Equal("io.k8s.api.core.v1.WidgetList", list.DefinitionName);
        Assert.Equal(("", "v1", "WidgetList"), list.GroupVersionKind);
        Assert.Equal("io.k8s.api.core.v1.Widget", list.Property("items")!.Items!.DefinitionName);
        Assert.Equal(DefinitionNames.ListMeta, list.Property("metadata")!.DefinitionName);
        Assert.Equal(2, list.Property("items")!.ProtoNumber);
    }

    [Fact]
    public void Fills_in_type_meta_descriptions()
    {
        var widget = TestCatalog().ForKind(new("", "v1", "Widget"))!;
        Assert.Equal(TypeMetaDescriptions.Kind, widget.Property("kind")!.Description);
        Assert.Equal(TypeMetaDescriptions.Metadata, widget.Property("metadata")!.Description);
    }

    [Fact]
    public void Custom_schemas_come_and_go_and_raise_changed()
    {
        var catalog = TestCatalog();
        var changes = 0;
        catalog.Changed += () => changes++;
        var gvk = new GroupVersionKind("stable.example.com", "v1", "CronTab");
        var schema = new SchemaNode { Type = "object", PreserveUnknownFields = true };

        catalog.RegisterCustom(gvk, schema);
        Assert.Same(schema, catalog.ForKind(gvk));
        Assert.Equal("com.example.stable.v1.CronTab", schema.DefinitionName);
        Assert.Same(schema, catalog.Definition("com.example.stable.v1.CronTab"));
        Assert.NotNull(catalog.ForKind(gvk with { Kind = "CronTabList" }));
        Assert.False(catalog.IsBuiltIn(gvk));

        Assert.True(catalog.UnregisterCustom(gvk));
        Assert.Null(catalog.ForKind(gvk));
        Assert.Null(catalog.ForKind(gvk with { Kind = "CronTabList" }));
        Assert.Null(catalog.Definition("com.example.stable.v1.CronTab"));
        Assert.False(catalog.UnregisterCustom(gvk));
        Assert.Equal(2, changes);
    }

    [Fact]
    public void Refuses_to_shadow_a_built_in_kind()
    {
        Assert.Throws<InvalidOperationException>(() => TestCatalog().RegisterCustom(new("", "v1", "Widget"), new SchemaNode()));
    }

    [Fact]
    public void Real_model_deployment_and_pod_have_upstream_shapes()
    {
        var catalog = SchemaCatalog.ForModel();
        var deployment = catalog.ForKind(new("apps", "v1", "Deployment"));
        var pod = catalog.ForKind(new("", "v1", "Pod"));
        Assert.NotNull(deployment);
        Assert.NotNull(pod);
        Assert.Equal("io.k8s.api.apps.v1.Deployment", deployment.DefinitionName);

        var template = deployment.Property("spec")!.Property("template")!;
        Assert.Equal("io.k8s.api.core.v1.PodTemplateSpec", template.DefinitionName);
        var containers = template.Property("spec")!.Property("containers")!;
        Assert.Equal(("array", "io.k8s.api.core.v1.Container", 2), (containers.Type, containers.Items!.DefinitionName, containers.ProtoNumber));
        Assert.Equal(("merge", "name"), (containers.PatchStrategy, containers.PatchMergeKey));
        Assert.Same(pod.Property("spec")!.Properties, template.Property("spec")!.Properties);
        Assert.NotNull(catalog.ForKind(new("apps", "v1", "DeploymentList")));
    }
}
