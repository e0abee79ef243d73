using KubeSharp.Api.Model.Batch;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Controllers.Job;

/// <summary>What the first matching pod failure policy rule decided about one failed pod.</summary>
/// <param name="FailJobMessage">Set when the action is FailJob: the job's failure message.</param>
/// <param name="CountFailed">Whether the failure counts toward backoffLimit (false for Ignore).</param>
/// <param name="Action">The matched rule's action, or null when no rule matched.</param>
public sealed record PodFailureVerdict(string? FailJobMessage, bool CountFailed, string? Action);

/// <summary>Applies spec.podFailurePolicy to a failed pod: rules in order, the first match decides.</summary>
public static class PodFailurePolicyMatcher
{
    public const string FailJob = "FailJob";
    public const string FailIndex = "FailIndex";
    public const string Ignore = "Ignore";
    public const string Count = "Count";

    static readonly PodFailureVerdict NoMatch = new(null, true, null);

    public static PodFailureVerdict Match(PodFailurePolicy? policy, Pod pod)
    {
        if (policy?.Rules is not { } rules) return NoMatch;
        for (var index = 0; index < rules.Count; index++)
        {
            var rule = rules[index];
            string? failMessage;
            if (rule.OnExitCodes is { } onExitCodes)
            {
                if (MatchExitCodes(pod, onExitCodes) is not { } container) continue;
                failMessage = $"Container {container.Name} for pod {pod.Metadata.Namespace}/{pod.Metadata.Name} failed with exit code {container.State!.Terminated!.ExitCode} matching {rule.Action} rule at index {index}";
            }
            else if (rule.OnPodConditions is { Count: > 0 } patterns)
            {
                if (MatchConditions(pod, patterns) is not { } condition) continue;
                failMessage = $"Pod {pod.Metadata.Namespace}/{pod.Metadata.Name} has condition {condition.Type} matching {rule.Action} rule at index {index}";
            }
            else continue;
            return rule.Action switch
            {
                Ignore => new PodFailureVerdict(null, false, Ignore),
                FailJob => new PodFailureVerdict(failMessage, true, FailJob),
                FailIndex => new PodFailureVerdict(null, true, FailIndex),
                Count => new PodFailureVerdict(null, true, Count),
                _ => NoMatch,
            };
        }
        return NoMatch;
    }

    // Successful containers (exit code 0) never match: "NotIn [1]" must not pick a sidecar that exited cleanly.
    static ContainerStatus? MatchExitCodes(Pod pod, PodFailurePolicyOnExitCodesRequirement requirement)
    {
        var values = requirement.Values ?? [];
        foreach (var status in (pod.Status?.ContainerStatuses ?? []).Concat(pod.Status?.InitContainerStatuses ?? []))
        {
            if (requirement.ContainerName is { } name && name != status.Name) continue;
            if (status.State?.Terminated?.ExitCode is not { } code || code == 0) continue;
            var listed = values.Contains(code);
            if (requirement.Operator == "In" ? listed : requirement.Operator == "NotIn" && !listed) return status;
        }
        return null;
    }

    static PodCondition? MatchConditions(Pod pod, List<PodFailurePolicyOnPodConditionsPattern> patterns)
    {
        foreach (var pattern in patterns)
        {
            var wanted = string.IsNullOrEmpty(pattern.Status) ? "True" : pattern.Status;
            if (pod.Status?.Conditions?.FirstOrDefault(c => c.Type == pattern.Type && c.Status == wanted) is { } c) return c;
        }
        return null;
    }
}
