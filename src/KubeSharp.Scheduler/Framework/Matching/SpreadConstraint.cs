using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Selectors;

namespace KubeSharp.Scheduler.Framework.Matching;

/// <summary>A compiled topology spread constraint with upstream's defaults for the optional fields.</summary>
public sealed class SpreadConstraint
{
    public const string DoNotSchedule = "DoNotSchedule";
    public const string ScheduleAnyway = "ScheduleAnyway";

    public required int MaxSkew { get; init; }
    public required string TopologyKey { get; init; }
    public required string WhenUnsatisfiable { get; init; }
    public required LabelSelector Selector { get; init; }
    public int MinDomains { get; init; } = 1;
    /// <summary>Honor (default): only nodes matching the pod's node affinity/selector count.</summary>
    public bool HonorNodeAffinity { get; init; } = true;
    /// <summary>Honor: only nodes whose taints the pod tolerates count; Ignore is the default.</summary>
    public bool HonorNodeTaints { get; init; }

    public static SpreadConstraint From(TopologySpreadConstraint c, IReadOnlyDictionary<string, string> podLabels)
    {
        LabelSelector selector;
        try { selector = LabelSelector.FromModel(c.LabelSelector); }
        catch (Exception e) when (e is SelectorParseException or ArgumentException) { selector = LabelSelector.Nothing; }
        var extra = new List<LabelRequirement>();
        foreach (var key in c.MatchLabelKeys ?? [])
            if (podLabels.TryGetValue(key, out var v)) extra.Add(LabelRequirement.Create(key, SelectionOperator.In, [v]));
        if (extra.Count > 0 && !selector.IsNothing) selector = selector.Add(extra);
        return new SpreadConstraint
        {
            MaxSkew = c.MaxSkew ?? 1,
            TopologyKey = c.TopologyKey,
            WhenUnsatisfiable = c.WhenUnsatisfiable,
            Selector = selector,
            MinDomains = c.MinDomains ?? 1,
            HonorNodeAffinity = c.NodeAffinityPolicy != "Ignore",
            HonorNodeTaints = c.NodeTaintsPolicy == "Honor",
        };
    }
}
