using KubeSharp.Api.Strategies;
using static KubeSharp.Api.Tests.Strategies.StrategyTestKit;

namespace KubeSharp.Api.Tests.Strategies;

/// <summary>successPolicy, backoffLimitPerIndex, maxFailedIndexes and podFailurePolicy validation, worded as upstream's.</summary>
public sealed class JobPolicyValidationTests
{
    readonly JobStrategy _strategy = new();

    static string Job(string specExtra, string restartPolicy = "Never") =>
        "{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{\"name\":\"pi\",\"namespace\":\"default\"},\"spec\":{" + specExtra
        + "\"template\":{\"spec\":{\"restartPolicy\":\"" + restartPolicy + "\",\"containers\":[{\"name\":\"main\",\"image\":\"busybox\"}]}}}}";

    const string Indexed = "\"completionMode\":\"Indexed\",\"completions\":5,";

    IReadOnlyList<string> Errors(string job) => [.. Messages(Create(_strategy, job).Errors)];

    [Fact]
    public void AValidSuccessPolicyAndPerIndexBackoffAreAccepted()
    {
        var (job, errors) = Create(_strategy, Job(Indexed + "\"backoffLimitPerIndex\":1,\"maxFailedIndexes\":2,"
            + "\"successPolicy\":{\"rules\":[{\"succeededIndexes\":\"0,2-4\",\"succeededCount\":3},{\"succeededCount\":5}]},"));
        Assert.Empty(errors);
        // With a per-index limit the global one no longer stops the job.
        Assert.Equal(int.MaxValue, (int)job["spec"]!["backoffLimit"]!);
    }

    [Fact]
    public void SuccessPolicyRulesAreCheckedAsUpstream()
    {
        Assert.Equal(["spec.successPolicy: Invalid value: {\"rules\":[{\"succeededCount\":1}]}: requires indexed completion mode"],
            Errors(Job("\"successPolicy\":{\"rules\":[{\"succeededCount\":1}]},")));
        Assert.Equal(["spec.successPolicy.rules: Required value: at least one rules must be specified when the successPolicy is specified"],
            Errors(Job(Indexed + "\"successPolicy\":{\"rules\":[]},")));
        Assert.Equal(["spec.successPolicy.rules[0]: Required value: at least one of succeededCount or succeededIndexes must be specified"],
            Errors(Job(Indexed + "\"successPolicy\":{\"rules\":[{}]},")));
        Assert.Equal(["spec.successPolicy.rules[0].succeededIndexes: Invalid value: \"1,7\": error parsing succeededIndexes: too large index: \"7\""],
            Errors(Job(Indexed + "\"successPolicy\":{\"rules\":[{\"succeededIndexes\":\"1,7\"}]},")));
        Assert.Equal(["spec.successPolicy.rules[0].succeededIndexes: Invalid value: \"3,1\": error parsing succeededIndexes: non-increasing order, previous: 3, current: 1"],
            Errors(Job(Indexed + "\"successPolicy\":{\"rules\":[{\"succeededIndexes\":\"3,1\"}]},")));
        Assert.Equal(["spec.successPolicy.rules[0].succeededIndexes: Invalid value: \"a\": error parsing succeededIndexes: cannot convert string to integer for index: \"a\""],
            Errors(Job(Indexed + "\"successPolicy\":{\"rules\":[{\"succeededIndexes\":\"a\"}]},")));
        Assert.Equal(
            [
                "spec.successPolicy.rules[0].succeededCount: Invalid value: 6: must be less than or equal to 5 (the number of specified completions)",
                "spec.successPolicy.rules[0].succeededCount: Invalid value: 6: must be less than or equal to 2 (the number of indexes in the specified succeededIndexes field)",
            ],
            Errors(Job(Indexed + "\"successPolicy\":{\"rules\":[{\"succeededIndexes\":\"0-1\",\"succeededCount\":6}]},")));
        Assert.Equal(["spec.successPolicy.rules[0].succeededCount: Invalid value: -1: must be greater than or equal to 0"],
            Errors(Job(Indexed + "\"successPolicy\":{\"rules\":[{\"succeededCount\":-1}]},")));
    }

    [Fact]
    public void PerIndexBackoffNeedsAnIndexedJob()
    {
        Assert.Equal(
            [
                "spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode",
                "spec.maxFailedIndexes: Invalid value: 1: requires indexed completion mode",
            ],
            Errors(Job("\"backoffLimitPerIndex\":1,\"maxFailedIndexes\":1,")));
        Assert.Equal(["spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified"],
            Errors(Job(Indexed + "\"maxFailedIndexes\":1,")));
        Assert.Equal(["spec.maxFailedIndexes: Invalid value: 6: must be less than or equal to completions"],
            Errors(Job(Indexed + "\"backoffLimitPerIndex\":1,\"maxFailedIndexes\":6,")));
        Assert.Equal(["spec.backoffLimitPerIndex: Invalid value: -1: must be greater than or equal to 0"],
            Errors(Job(Indexed + "\"backoffLimitPerIndex\":-1,")));
    }

    [Fact]
    public void PodFailurePolicyRulesAreCheckedAsUpstream()
    {
        Assert.Equal(["spec.podFailurePolicy.rules[0].action: Invalid value: \"FailIndex\": requires the backoffLimitPerIndex to be set"],
            Errors(Job(Indexed + "\"podFailurePolicy\":{\"rules\":[{\"action\":\"FailIndex\",\"onExitCodes\":{\"operator\":\"In\",\"values\":[1]}}]},")));
        Assert.Equal(
            [
                "spec.podFailurePolicy.rules[0].action: Unsupported value: \"Explode\": supported values: \"Count\", \"FailIndex\", \"FailJob\", \"Ignore\"",
                "spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: \"other\": must be one of the container or initContainer names in the pod template",
                "spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator",
                "spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 2",
                "spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [0,2,2,1]: must be ordered",
            ],
            Errors(Job("\"podFailurePolicy\":{\"rules\":[{\"action\":\"Explode\",\"onExitCodes\":{\"containerName\":\"other\",\"operator\":\"In\",\"values\":[0,2,2,1]}}]},")));
        Assert.Equal(["spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required"],
            Errors(Job("\"podFailurePolicy\":{\"rules\":[{\"action\":\"Ignore\"}]},")));
        Assert.Equal(["spec.template.spec.restartPolicy: Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified"],
            Errors(Job("\"podFailurePolicy\":{\"rules\":[{\"action\":\"Ignore\",\"onPodConditions\":[{\"type\":\"DisruptionTarget\"}]}]},", "OnFailure")));
        Assert.Equal(["spec.podReplacementPolicy: Unsupported value: \"TerminatingOrFailed\": supported values: \"Failed\""],
            Errors(Job("\"podReplacementPolicy\":\"TerminatingOrFailed\",\"podFailurePolicy\":{\"rules\":[{\"action\":\"Ignore\",\"onPodConditions\":[{\"type\":\"DisruptionTarget\"}]}]},")));
    }

    [Fact]
    public void SuccessPolicyIsImmutable()
    {
        var (old, errors) = Create(_strategy, Job(Indexed + "\"successPolicy\":{\"rules\":[{\"succeededCount\":1}]},"), uid: "u-9");
        Assert.Empty(errors);
        var (_, updateErrors) = Update(_strategy, old, j => j["spec"]!["successPolicy"]!["rules"]![0]!["succeededCount"] = 2);
        Assert.Contains(Messages(updateErrors), m => m.StartsWith("spec.successPolicy: Invalid value: ", StringComparison.Ordinal) && m.EndsWith("field is immutable", StringComparison.Ordinal));
    }
}
