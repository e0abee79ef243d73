using System.Globalization;
using KubeSharp.Api.Model.Batch;

namespace KubeSharp.Controllers.Job;

/// <summary>
/// Applies spec.successPolicy of an Indexed job, as upstream's matchSuccessPolicy: rules in order, the
/// first one met declares the job successful before every index has completed.
/// </summary>
public static class SuccessPolicyMatcher
{
    /// <summary>The SuccessCriteriaMet message ("Matched rules at index N") when a rule is met, else null.</summary>
    public static string? Match(SuccessPolicy? policy, int completions, IndexSet succeeded)
    {
        if (policy?.Rules is not { } rules || succeeded.Total == 0) return null;
        for (var index = 0; index < rules.Count; index++)
        {
            var rule = rules[index];
            bool met;
            if (rule.SucceededIndexes is { } text)
            {
                var required = IndexSet.Parse(text, completions);
                // A rule whose indexes cannot be read (or all lie past completions) can never be met.
                if (required.Total == 0) continue;
                var contained = required.Overlap(succeeded);
                met = contained == required.Total || (rule.SucceededCount is { } count && contained >= count);
            }
            else met = rule.SucceededCount is { } count && succeeded.Total >= count;
            if (met) return "Matched rules at index " + index.ToString(CultureInfo.InvariantCulture);
        }
        return null;
    }
}
