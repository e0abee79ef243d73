using KubeSharp.Api.Strategies;
using static KubeSharp.Api.Tests.Strategies.StrategyTestKit;

namespace KubeSharp.Api.Tests.Strategies;

public sealed class JobStrategyTests
{
    readonly JobStrategy _strategy = new();

    static string Job(string specExtra = "", string templateLabels = "", string restartPolicy = "Never") =>
        "{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{\"name\":\"pi\",\"namespace\":\"default\"},\"spec\":{" + specExtra
        + "\"template\":{\"metadata\":{" + templateLabels + "},\"spec\":{\"restartPolicy\":\"" + restartPolicy
        + "\",\"containers\":[{\"name\":\"pi\",\"image\":\"perl:5\"}]}}}}";

    [Fact]
    public void Selector_and_labels_are_generated_from_the_uid()
    {
        var (job, errors) = Create(_strategy, Job(), uid: "u-123");
        Assert.Empty(errors);
        var labels = job["spec"]!["template"]!["metadata"]!["labels"]!;
        Assert.Equal("u-123", (string)labels["batch.kubernetes.io/controller-uid"]!);
        Assert.Equal("u-123", (string)labels["controller-uid"]!);
        Assert.Equal("pi", (string)labels["batch.kubernetes.io/job-name"]!);
        Assert.Equal("pi", (string)labels["job-name"]!);
        Assert.Equal("u-123", (string)job["spec"]!["selector"]!["matchLabels"]!["batch.kubernetes.io/controller-uid"]!);
        // With no labels of its own the job takes the template's.
        Assert.Equal("pi", (string)job["metadata"]!["labels"]!["job-name"]!);
        var spec = job["spec"]!;
        Assert.Equal(1, (int)spec["completions"]!);
        Assert.Equal(1, (int)spec["parallelism"]!);
        Assert.Equal(6, (int)spec["backoffLimit"]!);
        Assert.Equal("NonIndexed", (string)spec["completionMode"]!);
        Assert.False((bool)spec["suspend"]!);
        Assert.Equal("TerminatingOrFailed", (string)spec["podReplacementPolicy"]!);
    }

    [Fact]
    public void User_selector_without_manual_selector_is_rejected()
    {
        var (_, errors) = Create(_strategy, Job("\"selector\":{\"matchLabels\":{\"app\":\"pi\"}},", "\"labels\":{\"app\":\"pi\"}"), uid: "u-1");
        Assert.Equal(
            ["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"pi\", \"batch.kubernetes.io/controller-uid\":\"u-1\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated"],
            Messages(errors));
    }

    [Fact]
    public void Manual_selector_is_kept_as_written()
    {
        var (job, errors) = Create(_strategy, Job("\"manualSelector\":true,\"selector\":{\"matchLabels\":{\"app\":\"pi\"}},", "\"labels\":{\"app\":\"pi\"}"));
        Assert.Empty(errors);
        Assert.Null(job["spec"]!["selector"]!["matchLabels"]!["batch.kubernetes.io/controller-uid"]);
        Assert.Null(job["spec"]!["template"]!["metadata"]!["labels"]!["job-name"]);
    }

    [Fact]
    public void Manual_selector_must_be_given()
    {
        var (_, errors) = Create(_strategy, Job("\"manualSelector\":true,"));
        Assert.Contains("spec.selector: Required value", Messages(errors));
    }

    [Fact]
    public void Template_must_not_restart_always()
    {
        var (_, errors) = Create(_strategy, Job(restartPolicy: "Always"));
        // Always is a pod's default, so upstream reports it as a missing choice rather than a wrong one.
        Assert.Equal(["spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""], Messages(errors));
    }

    [Fact]
    public void Template_and_completions_are_immutable()
    {
        var (old, _) = Create(_strategy, Job());
        var (_, errors) = Update(_strategy, old, j =>
        {
            j["spec"]!["completions"] = 3;
            j["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "perl:6";
        });
        var messages = Messages(errors).ToList();
        Assert.Contains("spec.completions: Invalid value: 3: field is immutable", messages);
        Assert.Contains("spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable", messages);
        var (_, suspended) = Update(_strategy, old, j => j["spec"]!["suspend"] = true);
        Assert.Empty(suspended);
    }
}
