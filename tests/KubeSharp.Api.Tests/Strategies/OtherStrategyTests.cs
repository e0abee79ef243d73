using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Strategies;
using KubeSharp.Api.Validation;
using static KubeSharp.Api.Tests.Strategies.StrategyTestKit;

namespace KubeSharp.Api.Tests.Strategies;

public sealed class OtherStrategyTests
{
    [Fact]
    public void Bad_label_value_in_metadata_and_templates()
    {
        var obj = Parse("""{"metadata":{"name":"a","namespace":"d","labels":{"app":"not ok!"}}}""");
        var error = Assert.Single(MetadataValidation.ValidateObjectMeta(obj, MetadataValidation.DNS1123Subdomain, namespaced: true));
        Assert.Equal("metadata.labels", error.Field);
        Assert.StartsWith("metadata.labels: Invalid value: \"not ok!\": a valid label must be an empty string or consist of alphanumeric characters", error.ToString());

        var (_, errors) = Create(new DeploymentStrategy(), """
            {"metadata":{"name":"w"},"spec":{"selector":{"matchLabels":{"app":"w"}},
             "template":{"metadata":{"labels":{"app":"w","bad":"-x-"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}
            """);
        Assert.Equal("spec.template.metadata.labels", Assert.Single(errors).Field);
    }

    [Fact]
    public void Metadata_name_rules()
    {
        var noName = Parse("""{"metadata":{"namespace":"d"}}""");
        Assert.Equal("metadata.name: Required value: name or generateName is required",
            Assert.Single(MetadataValidation.ValidateObjectMeta(noName, MetadataValidation.DNS1123Subdomain, true)).ToString());
        var dotted = Parse("""{"metadata":{"name":"a.b"}}""");
        Assert.Empty(MetadataValidation.ValidateObjectMeta(dotted, MetadataValidation.NameRuleFor("apps", "Deployment"), false));
        Assert.Equal("metadata.name: Invalid value: \"a.b\": must not contain dots",
            Assert.Single(MetadataValidation.ValidateObjectMeta(dotted, MetadataValidation.NameRuleFor("", "Service"), false)).ToString());
    }

    [Fact]
    public void Service_defaults()
    {
        var (svc, errors) = Create(new ServiceStrategy(), """{"metadata":{"name":"s"},"spec":{"type":"NodePort","selector":{"app":"a"},"ports":[{"port":80}]}}""");
        Assert.Empty(errors);
        var spec = svc["spec"]!;
        Assert.Equal("None", (string)spec["sessionAffinity"]!);
        Assert.Equal("Cluster", (string)spec["externalTrafficPolicy"]!);
        Assert.Equal("Cluster", (string)spec["internalTrafficPolicy"]!);
        Assert.Equal("SingleStack", (string)spec["ipFamilyPolicy"]!);
        Assert.Equal("TCP", (string)spec["ports"]![0]!["protocol"]!);
        Assert.Equal(80, (int)spec["ports"]![0]!["targetPort"]!);
    }

    [Fact]
    public void Service_ports_and_cluster_ip()
    {
        var strategy = new ServiceStrategy();
        var (_, errors) = Create(strategy, """{"metadata":{"name":"s"},"spec":{"ports":[{"port":80},{"port":81,"nodePort":30001}]}}""");
        Assert.Equal(["spec.ports[0].name: Required value", "spec.ports[1].name: Required value", "spec.ports[1].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"], Messages(errors));
        var (old, _) = Create(strategy, """{"metadata":{"name":"s"},"spec":{"clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],"ports":[{"port":80}]}}""");
        var (kept, none) = Update(strategy, old, s => { ((JsonObject)s["spec"]!).Remove("clusterIP"); ((JsonObject)s["spec"]!).Remove("clusterIPs"); });
        Assert.Empty(none);
        Assert.Equal("10.96.0.10", (string)kept["spec"]!["clusterIP"]!);
        var (_, changed) = Update(strategy, old, s => { s["spec"]!["clusterIP"] = "10.96.0.11"; s["spec"]!["clusterIPs"] = new JsonArray("10.96.0.11"); });
        Assert.Equal(["spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.11\"}: may not change once set"], Messages(changed));
    }

    [Fact]
    public void Service_turning_into_external_name_releases_its_cluster_ip()
    {
        var strategy = new ServiceStrategy();
        var (old, _) = Create(strategy, """{"metadata":{"name":"s"},"spec":{"type":"NodePort","clusterIP":"10.96.0.10","ports":[{"port":80,"nodePort":30080}]}}""");
        var (svc, errors) = Update(strategy, old, s => { s["spec"]!["type"] = "ExternalName"; s["spec"]!["externalName"] = "example.com"; });
        Assert.Empty(errors);
        Assert.Null(svc["spec"]!["clusterIP"]);
        Assert.Null(svc["spec"]!["ports"]![0]!["nodePort"]);
        Assert.Null(svc["spec"]!["externalTrafficPolicy"]);
    }

    [Fact]
    public void DaemonSet_defaults_and_template_generation()
    {
        var strategy = new DaemonSetStrategy();
        var (old, errors) = Create(strategy, """
            {"metadata":{"name":"agent"},"spec":{"selector":{"matchLabels":{"app":"a"}},
             "template":{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"c","image":"i:1"}]}}}}
            """);
        Assert.Empty(errors);
        Assert.Equal(1, (int)old["spec"]!["updateStrategy"]!["rollingUpdate"]!["maxUnavailable"]!);
        Assert.Equal(0, (int)old["spec"]!["updateStrategy"]!["rollingUpdate"]!["maxSurge"]!);
        Assert.Equal("1", (string)old["metadata"]!["annotations"]![DaemonSetStrategy.TemplateGenerationAnnotation]!);
        var (updated, _) = Update(strategy, old, d => d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "i:2");
        Assert.Equal("2", (string)updated["metadata"]!["annotations"]![DaemonSetStrategy.TemplateGenerationAnnotation]!);
    }

    [Fact]
    public void StatefulSet_only_some_fields_change()
    {
        var strategy = new StatefulSetStrategy();
        var (old, errors) = Create(strategy, """
            {"metadata":{"name":"db"},"spec":{"serviceName":"db","selector":{"matchLabels":{"app":"db"}},
             "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"c","image":"i"}]}},
             "volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}}
            """);
        Assert.Empty(errors);
        Assert.Equal("OrderedReady", (string)old["spec"]!["podManagementPolicy"]!);
        Assert.Equal(0, (int)old["spec"]!["updateStrategy"]!["rollingUpdate"]!["partition"]!);
        Assert.Equal("Retain", (string)old["spec"]!["persistentVolumeClaimRetentionPolicy"]!["whenScaled"]!);
        Assert.Equal("Filesystem", (string)old["spec"]!["volumeClaimTemplates"]![0]!["spec"]!["volumeMode"]!);
        Assert.Empty(Update(strategy, old, s => s["spec"]!["replicas"] = 5).Errors);
        Assert.Equal(
            ["spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"],
            Messages(Update(strategy, old, s => s["spec"]!["serviceName"] = "other").Errors));
    }

    [Fact]
    public void ConfigMap_keys_and_immutability()
    {
        var strategy = new ConfigMapStrategy();
        var (_, bad) = Create(strategy, """{"metadata":{"name":"c"},"data":{"a/b":"x"}}""");
        Assert.StartsWith("data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters", Assert.Single(Messages(bad)));
        var (old, _) = Create(strategy, """{"metadata":{"name":"c"},"immutable":true,"data":{"a":"x"}}""");
        Assert.Equal(["data: Forbidden: field is immutable when `immutable` is set"], Messages(Update(strategy, old, c => c["data"]!["a"] = "y").Errors));
    }

    [Fact]
    public void Namespace_gets_finalizer_phase_and_name_label()
    {
        var (ns, errors) = Create(new NamespaceStrategy(), """{"metadata":{"name":"team-a"}}""");
        Assert.Empty(errors);
        Assert.Equal("team-a", (string)ns["metadata"]!["labels"]!["kubernetes.io/metadata.name"]!);
        Assert.Equal("Active", (string)ns["status"]!["phase"]!);
        Assert.Equal("kubernetes", (string)ns["spec"]!["finalizers"]![0]!);
    }

    [Fact]
    public void Pv_status_sent_on_create_is_replaced_by_pending()
    {
        var (pv, errors) = Create(new PersistentVolumeStrategy(),
            """{"metadata":{"name":"v"},"spec":{"accessModes":["ReadWriteOnce"],"capacity":{"storage":"1Gi"},"hostPath":{"path":"/d"}},"status":{"phase":"Bound","message":"x"}}""");
        Assert.Empty(errors);
        Assert.Equal("""{"phase":"Pending"}""", pv["status"]!.ToJsonString());
        Assert.Equal("Retain", (string)pv["spec"]!["persistentVolumeReclaimPolicy"]!);
    }

    [Fact]
    public void Pvc_requires_modes_and_storage_and_freezes_spec()
    {
        var strategy = new PersistentVolumeClaimStrategy();
        var (_, errors) = Create(strategy, """{"metadata":{"name":"c"},"spec":{}}""");
        Assert.Equal(["spec.accessModes: Required value: at least 1 access mode is required", "spec.resources[storage]: Required value"], Messages(errors));
        var (old, ok) = Create(strategy, """{"metadata":{"name":"c"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}""");
        Assert.Empty(ok);
        Assert.Equal("Pending", (string)old["status"]!["phase"]!);
        Assert.Empty(Update(strategy, old, c => c["spec"]!["resources"]!["requests"]!["storage"] = "2Gi").Errors);
        Assert.Single(Update(strategy, old, c => c["spec"]!["accessModes"] = new JsonArray("ReadWriteMany")).Errors);
    }

    [Theory]
    [InlineData("*/5 * * * *", null)]
    [InlineData("@hourly", null)]
    [InlineData("0 0 * JAN-MAR mon", null)]
    [InlineData("* * *", "expected exactly 5 fields, found 3: [* * *]")]
    [InlineData("61 * * * *", "end of range (61) above maximum (59): 61")]
    [InlineData("@sometimes", "unrecognized descriptor: @sometimes")]
    public void Cron_schedules(string schedule, string? error) => Assert.Equal(error, CronSchedule.Check(schedule));

    [Fact]
    public void CronJob_defaults_and_schedule()
    {
        var (cj, errors) = Create(new CronJobStrategy(), """
            {"metadata":{"name":"c"},"spec":{"schedule":"nope","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure","containers":[{"name":"c","image":"i"}]}}}}}}
            """);
        Assert.Equal("Allow", (string)cj["spec"]!["concurrencyPolicy"]!);
        Assert.Equal(3, (int)cj["spec"]!["successfulJobsHistoryLimit"]!);
        Assert.Equal(1, (int)cj["spec"]!["failedJobsHistoryLimit"]!);
        Assert.Equal(["spec.schedule: Invalid value: \"nope\": expected exactly 5 fields, found 1: [nope]"], Messages(errors));
    }

    [Fact]
    public void Crd_needs_one_storage_version_and_matching_name()
    {
        var (crd, errors) = Create(new CustomResourceDefinitionStrategy(), """
            {"metadata":{"name":"widgets.example.com"},"spec":{"group":"example.com","scope":"Namespaced",
             "names":{"plural":"widgets","kind":"Widget"},
             "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object"}}}]}}
            """);
        Assert.Empty(errors);
        Assert.Equal("WidgetList", (string)crd["spec"]!["names"]!["listKind"]!);
        Assert.Equal("widget", (string)crd["spec"]!["names"]!["singular"]!);
        Assert.Equal("v1", (string)crd["status"]!["storedVersions"]![0]!);

        var (_, bad) = Create(new CustomResourceDefinitionStrategy(), """
            {"metadata":{"name":"w.example.com"},"spec":{"group":"example","scope":"Namespaced","names":{"plural":"widgets","kind":"Widget"},
             "versions":[{"name":"v1","storage":true,"schema":{"openAPIV3Schema":{}}},{"name":"v2","storage":true,"schema":{"openAPIV3Schema":{}}}]}}
            """);
        var messages = Messages(bad).ToList();
        Assert.Contains("metadata.name: Invalid value: \"w.example.com\": must be spec.names.plural+\".\"+spec.group", messages);
        Assert.Contains("spec.group: Invalid value: \"example\": should be a domain with at least one dot", messages);
        Assert.Contains(messages, m => m.EndsWith("must have exactly one version marked as storage version", StringComparison.Ordinal));
    }

    [Fact]
    public void Built_in_strategies_cover_the_catalog()
    {
        Assert.IsType<DeploymentStrategy>(BuiltInStrategies.For("apps", "Deployment"));
        Assert.IsType<PodStrategy>(BuiltInStrategies.For("", "Pod"));
        Assert.Same(DefaultStrategy.WithStatus, BuiltInStrategies.For("policy", "PodDisruptionBudget"));
        Assert.Same(DefaultStrategy.Instance, BuiltInStrategies.For("", "ServiceAccount"));
        foreach (var def in BuiltInResources.Create(BuiltInStrategies.For))
            Assert.Equal(def.HasSubresource("status"), def.Strategy.HasStatusSubresource);
    }
}
