using KubeSharp.Api.Strategies;
using static KubeSharp.Api.Tests.Strategies.StrategyTestKit;

namespace KubeSharp.Api.Tests.Strategies;

public sealed class PodStrategyTests
{
    readonly PodStrategy _strategy = new();

    static string Pod(string containers, string extra = "") =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"default\"},\"spec\":{" + extra
        + "\"containers\":" + containers + "},\"status\":{\"phase\":\"Running\"}}";

    [Fact]
    public void Bare_pod_gets_upstream_defaults_and_pending_status()
    {
        var (pod, errors) = Create(_strategy, Pod("""[{"name":"app","image":"busybox"}]"""));
        Assert.Empty(errors);
        var spec = pod["spec"]!;
        Assert.Equal("Always", (string)spec["restartPolicy"]!);
        Assert.Equal("ClusterFirst", (string)spec["dnsPolicy"]!);
        Assert.Equal("default-scheduler", (string)spec["schedulerName"]!);
        Assert.Equal(30, (int)spec["terminationGracePeriodSeconds"]!);
        Assert.True((bool)spec["enableServiceLinks"]!);
        Assert.Equal("PreemptLowerPriority", (string)spec["preemptionPolicy"]!);
        Assert.Equal(0, (int)spec["priority"]!);
        var c = spec["containers"]![0]!;
        Assert.Equal("Always", (string)c["imagePullPolicy"]!);
        Assert.Equal("File", (string)c["terminationMessagePolicy"]!);
        Assert.Equal("Pending", (string)pod["status"]!["phase"]!);
        Assert.Equal("BestEffort", (string)pod["status"]!["qosClass"]!);
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("localhost:5000/app", "Always")]
    [InlineData("localhost:5000/app:v2", "IfNotPresent")]
    [InlineData("nginx@sha256:abcd", "IfNotPresent")]
    public void Pull_policy_follows_the_tag(string image, string expected) =>
        Assert.Equal(expected, PodSpecDefaults.PullPolicyFor(image));

    [Fact]
    public void Limits_become_requests_and_make_the_pod_guaranteed()
    {
        var (pod, errors) = Create(_strategy, Pod("""[{"name":"app","image":"x:1","resources":{"limits":{"cpu":"500m","memory":"64Mi"}},"livenessProbe":{"httpGet":{"port":8080}}}]"""));
        Assert.Empty(errors);
        var c = pod["spec"]!["containers"]![0]!;
        Assert.Equal("500m", (string)c["resources"]!["requests"]!["cpu"]!);
        Assert.Equal("Guaranteed", (string)pod["status"]!["qosClass"]!);
        var probe = c["livenessProbe"]!;
        Assert.Equal(1, (int)probe["timeoutSeconds"]!);
        Assert.Equal(10, (int)probe["periodSeconds"]!);
        Assert.Equal(3, (int)probe["failureThreshold"]!);
        Assert.Equal("HTTP", (string)probe["httpGet"]!["scheme"]!);
    }

    [Fact]
    public void Requests_above_limits_are_burstable_and_invalid()
    {
        var (pod, errors) = Create(_strategy, Pod("""[{"name":"app","image":"x:1","resources":{"requests":{"cpu":"2"},"limits":{"cpu":"1"}}}]"""));
        Assert.Equal(["spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"], Messages(errors));
        Assert.Equal("Burstable", (string)pod["status"]!["qosClass"]!);
    }

    [Fact]
    public void Bad_container_name_is_reported_with_upstream_message()
    {
        var (_, errors) = Create(_strategy, Pod("""[{"name":"My_App","image":"x"}]"""));
        Assert.Equal(
            ["spec.containers[0].name: Invalid value: \"My_App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"],
            Messages(errors));
    }

    [Fact]
    public void Containers_images_ports_and_mounts_are_checked()
    {
        var (_, errors) = Create(_strategy, Pod(
            """[{"name":"a","image":"x","ports":[{"containerPort":70000}],"volumeMounts":[{"name":"missing","mountPath":"/d"}]},{"name":"a"}]"""));
        var messages = Messages(errors).ToList();
        Assert.Contains("spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive", messages);
        Assert.Contains("spec.containers[0].volumeMounts[0].name: Not found: \"missing\"", messages);
        Assert.Contains("spec.containers[1].image: Required value", messages);
        Assert.Contains("spec.containers[1].name: Duplicate value: \"a\"", messages);
    }

    [Fact]
    public void No_containers_and_bad_restart_policy()
    {
        var (_, errors) = Create(_strategy, Pod("[]", "\"restartPolicy\":\"Sometimes\","));
        Assert.Equal(
            ["spec.containers: Required value", "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""],
            Messages(errors));
    }

    [Fact]
    public void Volumes_get_default_modes_and_empty_dir()
    {
        var (pod, errors) = Create(_strategy, Pod("""[{"name":"a","image":"x","volumeMounts":[{"name":"cfg","mountPath":"/c"},{"name":"scratch","mountPath":"/s"}]}]""",
            "\"volumes\":[{\"name\":\"cfg\",\"configMap\":{\"name\":\"c\"}},{\"name\":\"scratch\"}],"));
        Assert.Empty(errors);
        Assert.Equal(420, (int)pod["spec"]!["volumes"]![0]!["configMap"]!["defaultMode"]!);
        Assert.NotNull(pod["spec"]!["volumes"]![1]!["emptyDir"]);
    }

    [Fact]
    public void Only_images_may_change_on_update()
    {
        var (old, _) = Create(_strategy, Pod("""[{"name":"a","image":"x:1"}]"""));
        var (_, ok) = Update(_strategy, old, p => p["spec"]!["containers"]![0]!["image"] = "x:2");
        Assert.Empty(ok);
        var (_, bad) = Update(_strategy, old, p => p["spec"]!["restartPolicy"] = "Never");
        Assert.StartsWith("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`", Assert.Single(Messages(bad)));
    }
}
