using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>upstream's ValidateRollingUpdateDeployment / ValidateRollingUpdateDaemonSet: int-or-percent surge and unavailability.</summary>
internal static class RollingUpdateChecks
{
    public static IEnumerable<FieldError> Validate(JsonObject? rollingUpdate, string path)
    {
        if (rollingUpdate is null) yield break;
        var maxUnavailable = rollingUpdate["maxUnavailable"];
        var maxSurge = rollingUpdate["maxSurge"];
        foreach (var e in FieldChecks.IntOrPercent(maxUnavailable, path + ".maxUnavailable")) yield return e;
        foreach (var e in FieldChecks.IntOrPercent(maxSurge, path + ".maxSurge")) yield return e;
        if (maxUnavailable is not null && maxSurge is not null
            && FieldChecks.IntOrPercentValue(maxUnavailable) == 0 && FieldChecks.IntOrPercentValue(maxSurge) == 0)
            yield return FieldError.Invalid(path + ".maxUnavailable", GoValue.IntOrString(maxUnavailable), "may not be 0 when `maxSurge` is 0");
        foreach (var e in FieldChecks.NotMoreThan100Percent(maxUnavailable, path + ".maxUnavailable")) yield return e;
    }

    /// <summary>The selector of a controller may not change once created (apps/v1).</summary>
    public static IEnumerable<FieldError> ImmutableSelector(JsonObject obj, JsonObject old)
    {
        var selector = Json.At(obj, "spec", "selector");
        return FieldChecks.Immutable(selector, Json.At(old, "spec", "selector"), "spec.selector", GoValue.LabelSelector(selector));
    }
}
