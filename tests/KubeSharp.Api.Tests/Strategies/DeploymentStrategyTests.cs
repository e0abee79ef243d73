using System.Text.Json.Nodes;
using KubeSharp.Api.Strategies;
using static KubeSharp.Api.Tests.Strategies.StrategyTestKit;

namespace KubeSharp.Api.Tests.Strategies;

public sealed class DeploymentStrategyTests
{
    const string Bare = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
         "spec":{"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80}]}]}}}}
        """;

    readonly DeploymentStrategy _strategy = new();

    [Fact]
    public void Bare_deployment_gets_upstream_defaults()
    {
        var (d, errors) = Create(_strategy, Bare);
        Assert.Empty(errors);
        var spec = d["spec"]!;
        Assert.Equal(1, (int)spec["replicas"]!);
        Assert.Equal(10, (int)spec["revisionHistoryLimit"]!);
        Assert.Equal(600, (int)spec["progressDeadlineSeconds"]!);
        Assert.Equal("RollingUpdate", (string)spec["strategy"]!["type"]!);
        Assert.Equal("25%", (string)spec["strategy"]!["rollingUpdate"]!["maxSurge"]!);
        Assert.Equal("25%", (string)spec["strategy"]!["rollingUpdate"]!["maxUnavailable"]!);
        var pod = spec["template"]!["spec"]!;
        Assert.Equal("Always", (string)pod["restartPolicy"]!);
        Assert.Equal("ClusterFirst", (string)pod["dnsPolicy"]!);
        Assert.Equal("default-scheduler", (string)pod["schedulerName"]!);
        Assert.Equal(30, (int)pod["terminationGracePeriodSeconds"]!);
        Assert.True(JsonNode.DeepEquals(new JsonObject(), pod["securityContext"]));
        // Pod-only defaults do not reach templates.
        Assert.Null(pod["enableServiceLinks"]);
        var c = pod["containers"]![0]!;
        Assert.Equal("IfNotPresent", (string)c["imagePullPolicy"]!);
        Assert.Equal("/dev/termination-log", (string)c["terminationMessagePath"]!);
        Assert.Equal("File", (string)c["terminationMessagePolicy"]!);
        Assert.Equal("TCP", (string)c["ports"]![0]!["protocol"]!);
        Assert.Equal(1, (long)d["metadata"]!["generation"]!);
    }

    [Fact]
    public void Recreate_strategy_gets_no_rolling_update()
    {
        var (d, errors) = Create(_strategy, Bare.Replace("\"spec\":{\"selector\"", "\"spec\":{\"strategy\":{\"type\":\"Recreate\"},\"selector\""));
        Assert.Empty(errors);
        Assert.Null(d["spec"]!["strategy"]!["rollingUpdate"]);
    }

    [Fact]
    public void Changing_the_selector_is_rejected_with_upstream_wording()
    {
        var (old, _) = Create(_strategy, Bare);
        var (_, errors) = Update(_strategy, old, d =>
        {
            d["spec"]!["selector"]!["matchLabels"]!["app"] = "web2";
            d["spec"]!["template"]!["metadata"]!["labels"]!["app"] = "web2";
        });
        Assert.Equal(
            ["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"],
            Messages(errors));
    }

    [Fact]
    public void Selector_must_match_template_labels()
    {
        var (_, errors) = Create(_strategy, Bare.Replace("\"labels\":{\"app\":\"web\"}", "\"labels\":{\"app\":\"x\",\"tier\":\"a\"}"));
        Assert.Equal(
            ["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\", \"tier\":\"a\"}: `selector` does not match template `labels`"],
            Messages(errors));
    }

    [Fact]
    public void Missing_selector_is_required()
    {
        var (_, errors) = Create(_strategy, Bare.Replace("\"selector\":{\"matchLabels\":{\"app\":\"web\"}},", ""));
        Assert.Contains("spec.selector: Required value", Messages(errors));
    }

    [Fact]
    public void Surge_and_unavailable_may_not_both_be_zero()
    {
        var (_, errors) = Create(_strategy, Bare.Replace("\"spec\":{\"selector\"",
            "\"spec\":{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":0,\"maxUnavailable\":\"0%\"}},\"selector\""));
        Assert.Equal(
            ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"0%\"}: may not be 0 when `maxSurge` is 0"],
            Messages(errors));
    }

    [Fact]
    public void Negative_replicas_and_bad_restart_policy_are_reported()
    {
        var json = Bare.Replace("\"spec\":{\"selector\"", "\"spec\":{\"replicas\":-1,\"selector\"")
            .Replace("\"spec\":{\"containers\"", "\"spec\":{\"restartPolicy\":\"Never\",\"containers\"");
        var (_, errors) = Create(_strategy, json);
        Assert.Contains("spec.replicas: Invalid value: -1: must be greater than or equal to 0", Messages(errors));
        Assert.Contains("spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"", Messages(errors));
    }

    [Fact]
    public void Generation_moves_only_on_spec_change()
    {
        var (old, _) = Create(_strategy, Bare);
        var (same, _) = Update(_strategy, old, d => ((JsonObject)d["metadata"]!)["labels"] = new JsonObject { ["a"] = "b" });
        Assert.Equal(1, (long)same["metadata"]!["generation"]!);
        var (scaled, errors) = Update(_strategy, old, d => d["spec"]!["replicas"] = 3);
        Assert.Empty(errors);
        Assert.Equal(2, (long)scaled["metadata"]!["generation"]!);
    }

    [Fact]
    public void Body_without_defaulted_fields_is_no_spec_change()
    {
        var (old, _) = Create(_strategy, Bare);
        var (resent, errors) = Update(_strategy, old, d =>
        {
            var spec = (JsonObject)d["spec"]!;
            spec.Remove("strategy");
            spec.Remove("revisionHistoryLimit");
        });
        Assert.Empty(errors);
        Assert.Equal(1, (long)resent["metadata"]!["generation"]!);
        Assert.Equal("RollingUpdate", (string)resent["spec"]!["strategy"]!["type"]!);
    }
}
