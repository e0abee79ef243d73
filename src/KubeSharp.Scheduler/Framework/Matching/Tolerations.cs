using KubeSharp.Api.Model.Core;

namespace KubeSharp.Scheduler.Framework.Matching;

/// <summary>Whether tolerations tolerate taints, with upstream's matching rules.</summary>
public static class Tolerations
{
    public const string NoSchedule = "NoSchedule";
    public const string PreferNoSchedule = "PreferNoSchedule";
    public const string NoExecute = "NoExecute";

    /// <summary>
    /// An empty effect matches every effect; an empty key with Exists matches every key; Equal (or no
    /// operator) needs the same value.
    /// </summary>
    public static bool Tolerates(Toleration t, Taint taint)
    {
        if (!string.IsNullOrEmpty(t.Effect) && t.Effect != taint.Effect) return false;
        if (!string.IsNullOrEmpty(t.Key) && t.Key != taint.Key) return false;
        return t.Operator switch
        {
            "Exists" => true,
            "Equal" or "" or null => (t.Value ?? "") == (taint.Value ?? ""),
            _ => false,
        };
    }

    public static bool AnyTolerates(IReadOnlyList<Toleration> tolerations, Taint taint)
    {
        for (var i = 0; i < tolerations.Count; i++)
            if (Tolerates(tolerations[i], taint)) return true;
        return false;
    }
}
