using KubeSharp.Api.Validation;
using ModelLabelSelector = KubeSharp.Api.Model.LabelSelector;
using ModelLabelSelectorRequirement = KubeSharp.Api.Model.LabelSelectorRequirement;

namespace KubeSharp.Api.Selectors;

/// <summary>Validation of an object's selector field (upstream's metav1 ValidateLabelSelector).</summary>
public static class LabelSelectorValidation
{
    /// <summary>All problems with <paramref name="selector"/> at <paramref name="fieldPath"/> (e.g. "spec.selector").</summary>
    public static IReadOnlyList<FieldError> Validate(ModelLabelSelector? selector, string fieldPath, bool allowInvalidLabelValueInSelector = false)
    {
        var errs = new List<FieldError>();
        if (selector is null) return errs;
        errs.AddRange(NameValidation.ValidateLabels(selector.MatchLabels, fieldPath + ".matchLabels"));
        var expressions = selector.MatchExpressions ?? [];
        for (int i = 0; i < expressions.Count; i++)
            errs.AddRange(ValidateRequirement(expressions[i], $"{fieldPath}.matchExpressions[{i}]", allowInvalidLabelValueInSelector));
        return errs;
    }

    public static IReadOnlyList<FieldError> ValidateRequirement(ModelLabelSelectorRequirement requirement, string fieldPath, bool allowInvalidLabelValueInSelector = false)
    {
        var errs = new List<FieldError>();
        int count = requirement.Values?.Count ?? 0;
        switch (requirement.Operator)
        {
            case "In" or "NotIn":
                if (count == 0)
                    errs.Add(FieldError.Required(fieldPath + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
                break;
            case "Exists" or "DoesNotExist":
                if (count > 0)
                    errs.Add(FieldError.Forbidden(fieldPath + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                break;
            default:
                errs.Add(FieldError.Invalid(fieldPath + ".operator", requirement.Operator, "not a valid selector operator"));
                break;
        }
        errs.AddRange(NameValidation.ValidateLabelName(requirement.Key, fieldPath + ".key"));
        if (!allowInvalidLabelValueInSelector)
            for (int i = 0; i < count; i++)
                foreach (var msg in NameValidation.IsValidLabelValue(requirement.Values![i]))
                    errs.Add(FieldError.Invalid($"{fieldPath}.values[{i}]", requirement.Values[i], msg));
        return errs;
    }
}
