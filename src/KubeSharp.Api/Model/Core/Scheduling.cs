using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Description("Scheduling rules relating the pod to nodes and to other pods.")]
public sealed record Affinity
{
    [Proto(1), Description("Rules about which nodes the pod may run on.")]
    public NodeAffinity? NodeAffinity { get; init; }

    [Proto(2), Description("Rules to place the pod near certain other pods.")]
    public PodAffinity? PodAffinity { get; init; }

    [Proto(3), Description("Rules to keep the pod away from certain other pods.")]
    public PodAntiAffinity? PodAntiAffinity { get; init; }
}

[Description("Node constraints for a pod.")]
public sealed record NodeAffinity
{
    [Proto(1), Description("Hard requirement a node must meet at scheduling time.")]
    public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; init; }

    [Proto(2), ListType("atomic"), Description("Weighted preferences that rank nodes.")]
    public List<PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; init; }
}

[Description("Rules to co-locate a pod with other pods.")]
public sealed record PodAffinity
{
    [Proto(1), ListType("atomic"), Description("Terms that must all hold at scheduling time.")]
    public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; init; }

    [Proto(2), ListType("atomic"), Description("Weighted terms that rank nodes.")]
    public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; init; }
}

[Description("Rules to separate a pod from other pods.")]
public sealed record PodAntiAffinity
{
    [Proto(1), ListType("atomic"), Description("Terms that must all hold at scheduling time.")]
    public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; init; }

    [Proto(2), ListType("atomic"), Description("Weighted terms that rank nodes.")]
    public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; init; }
}

[MapType("atomic"), Description("A node query: the terms are ORed.")]
public sealed record NodeSelector
{
    [Proto(1), ListType("atomic"), RequiredField, Description("Terms of which at least one must match.")]
    public List<NodeSelectorTerm>? NodeSelectorTerms { get; init; }
}

[MapType("atomic"), Description("Requirements that must all hold for a node; empty matches nothing.")]
public sealed record NodeSelectorTerm
{
    [Proto(1), ListType("atomic"), Description("Requirements on node labels.")]
    public List<NodeSelectorRequirement>? MatchExpressions { get; init; }

    [Proto(2), ListType("atomic"), Description("Requirements on node fields (metadata.name only).")]
    public List<NodeSelectorRequirement>? MatchFields { get; init; }
}

[Description("One requirement on a node label or field.")]
public sealed record NodeSelectorRequirement
{
    [Proto(1), RequiredField, Description("Label key or field name.")]
    public string Key { get; init; } = "";

    [Proto(2), RequiredField, Description("In, NotIn, Exists, DoesNotExist, Gt or Lt.")]
    public string Operator { get; init; } = "";

    [Proto(3), ListType("atomic"), Description("Values to compare with; one integer for Gt and Lt.")]
    public List<string>? Values { get; init; }
}

[Description("A node preference with a weight.")]
public sealed record PreferredSchedulingTerm
{
    [Proto(1), RequiredField, Description("Weight from 1 to 100.")]
    public int? Weight { get; init; }

    [Proto(2), RequiredField, Description("Node requirements that earn the weight.")]
    public NodeSelectorTerm? Preference { get; init; }
}

[Description("Pods a pod should be near or away from, within a topology domain.")]
public sealed record PodAffinityTerm
{
    [Proto(1), Description("Which pods the term is about.")]
    public LabelSelector? LabelSelector { get; init; }

    [Proto(2), ListType("atomic"), Description("Namespaces the selected pods may be in; the pod's own when empty.")]
    public List<string>? Namespaces { get; init; }

    [Proto(3), RequiredField, Description("Node label whose value defines a topology domain.")]
    public string TopologyKey { get; init; } = "";

    [Proto(4), Description("Namespaces, by label, the selected pods may be in.")]
    public LabelSelector? NamespaceSelector { get; init; }

    [Proto(5), ListType("atomic"), Description("Label keys whose values from the incoming pod are added to the selector.")]
    public List<string>? MatchLabelKeys { get; init; }

    [Proto(6), ListType("atomic"), Description("Label keys whose values from the incoming pod must differ.")]
    public List<string>? MismatchLabelKeys { get; init; }
}

[Description("A pod affinity term with a weight.")]
public sealed record WeightedPodAffinityTerm
{
    [Proto(1), RequiredField, Description("Weight from 1 to 100.")]
    public int? Weight { get; init; }

    [Proto(2), RequiredField, Description("The term that earns the weight.")]
    public PodAffinityTerm? PodAffinityTerm { get; init; }
}

[Description("Lets a pod be scheduled onto, or stay on, a node with a matching taint.")]
public sealed record Toleration
{
    [Proto(1), Description("Taint key to match; empty with Exists matches all taints.")]
    public string? Key { get; init; }

    [Proto(2), Description("Exists or Equal; Equal when unset.")]
    public string? Operator { get; init; }

    [Proto(3), Description("Taint value to match with Equal.")]
    public string? Value { get; init; }

    [Proto(4), Description("Taint effect to match; empty matches all effects.")]
    public string? Effect { get; init; }

    [Proto(5), Description("For NoExecute, how long the pod may stay after the taint appears.")]
    public long? TolerationSeconds { get; init; }
}

[Description("How matching pods should be spread over a topology.")]
public sealed record TopologySpreadConstraint
{
    [Proto(1), RequiredField, Description("Largest allowed difference in matching pods between domains.")]
    public int? MaxSkew { get; init; }

    [Proto(2), RequiredField, Description("Node label whose values are the domains.")]
    public string TopologyKey { get; init; } = "";

    [Proto(3), RequiredField, Description("DoNotSchedule or ScheduleAnyway.")]
    public string WhenUnsatisfiable { get; init; } = "";

    [Proto(4), Description("Which pods are counted.")]
    public LabelSelector? LabelSelector { get; init; }

    [Proto(5), Description("Minimum number of eligible domains.")]
    public int? MinDomains { get; init; }

    [Proto(6), Description("Honor or Ignore the pod's node affinity when counting.")]
    public string? NodeAffinityPolicy { get; init; }

    [Proto(7), Description("Honor or Ignore node taints when counting.")]
    public string? NodeTaintsPolicy { get; init; }

    [Proto(8), ListType("atomic"), Description("Label keys whose values from the incoming pod narrow the selector.")]
    public List<string>? MatchLabelKeys { get; init; }
}

[MapType("atomic"), Description("Topology requirements that must all hold.")]
public sealed record TopologySelectorTerm
{
    [Proto(1), ListType("atomic"), Description("Requirements on topology labels.")]
    public List<TopologySelectorLabelRequirement>? MatchLabelExpressions { get; init; }
}

[Description("A topology label and the values it may have.")]
public sealed record TopologySelectorLabelRequirement
{
    [Proto(1), RequiredField, Description("Label key.")]
    public string Key { get; init; } = "";

    [Proto(2), ListType("atomic"), RequiredField, Description("Allowed values; any of them matches.")]
    public List<string>? Values { get; init; }
}
