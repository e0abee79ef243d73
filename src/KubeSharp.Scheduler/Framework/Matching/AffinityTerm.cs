using KubeSharp.Api.Selectors;
using KubeSharp.Scheduler.Cache;
using ModelTerm = KubeSharp.Api.Model.Core.PodAffinityTerm;

namespace KubeSharp.Scheduler.Framework.Matching;

/// <summary>Resolves a namespace's labels for namespaceSelector terms; null when the namespace is unknown.</summary>
public delegate IReadOnlyDictionary<string, string>? NamespaceLabels(string ns);

/// <summary>
/// A compiled pod (anti-)affinity term: which pods it selects (namespaces, namespace selector, label
/// selector with matchLabelKeys/mismatchLabelKeys folded in) and the topology key that defines "together".
/// </summary>
public sealed class AffinityTerm
{
    public required IReadOnlySet<string> Namespaces { get; init; }
    /// <summary>Null when the term has none; an empty selector selects every namespace.</summary>
    public LabelSelector? NamespaceSelector { get; init; }
    public required LabelSelector Selector { get; init; }
    public required string TopologyKey { get; init; }
    public int Weight { get; init; }

    public static AffinityTerm From(ModelTerm term, string podNamespace, IReadOnlyDictionary<string, string> podLabels, int weight = 0)
    {
        var selector = SafeSelector(term.LabelSelector);
        var extra = new List<LabelRequirement>();
        foreach (var key in term.MatchLabelKeys ?? [])
            if (podLabels.TryGetValue(key, out var v)) extra.Add(LabelRequirement.Create(key, SelectionOperator.In, [v]));
        foreach (var key in term.MismatchLabelKeys ?? [])
            if (podLabels.TryGetValue(key, out var v)) extra.Add(LabelRequirement.Create(key, SelectionOperator.NotIn, [v]));
        if (extra.Count > 0 && !selector.IsNothing) selector = selector.Add(extra);
        var namespaces = new HashSet<string>(term.Namespaces ?? [], StringComparer.Ordinal);
        if (namespaces.Count == 0 && term.NamespaceSelector is null) namespaces.Add(podNamespace);
        return new AffinityTerm
        {
            Namespaces = namespaces,
            NamespaceSelector = term.NamespaceSelector is null ? null : SafeSelector(term.NamespaceSelector),
            Selector = selector,
            TopologyKey = term.TopologyKey,
            Weight = weight,
        };
    }

    /// <summary>True if <paramref name="pod"/> is one of the pods this term is about.</summary>
    public bool Matches(PodInfo pod, NamespaceLabels namespaceLabels)
    {
        if (!Namespaces.Contains(pod.Namespace))
        {
            if (NamespaceSelector is null) return false;
            if (!NamespaceSelector.IsEmpty && !NamespaceSelector.Matches(namespaceLabels(pod.Namespace))) return false;
        }
        return Selector.Matches(pod.Labels);
    }

    // An invalid selector selects nothing rather than failing the whole pod.
    static LabelSelector SafeSelector(Api.Model.LabelSelector? model)
    {
        try { return LabelSelector.FromModel(model); }
        catch (SelectorParseException) { return LabelSelector.Nothing; }
        catch (ArgumentException) { return LabelSelector.Nothing; }
    }
}
