using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using LabelSelector = KubeSharp.Api.Selectors.LabelSelector;

namespace KubeSharp.Controllers.History;

/// <summary>The spec.selector of a workload (or budget) read from its cached JSON.</summary>
public static class WorkloadSelector
{
    /// <summary>
    /// The selector as upstream's LabelSelectorAsSelector reads it; Nothing when it is missing or unreadable,
    /// so a malformed cached object selects no pods instead of failing a reconcile.
    /// </summary>
    public static LabelSelector Of(JsonObject obj)
    {
        try { return LabelSelector.FromModel(KubeJson.Deserialize<Api.Model.LabelSelector>(JsonFields.At(obj, "spec", "selector"))); }
        catch (Exception e) when (e is FormatException or JsonException) { return LabelSelector.Nothing; }
    }

    /// <summary>The selector when it selects some pods but not all; null otherwise (upstream ignores such controllers).</summary>
    public static LabelSelector? NonEmpty(JsonObject obj) => Of(obj) is { IsEmpty: false, IsNothing: false } s ? s : null;
}
