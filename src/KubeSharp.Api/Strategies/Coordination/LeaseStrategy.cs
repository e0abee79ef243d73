using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>coordination.k8s.io/v1 Leases.</summary>
public sealed class LeaseStrategy() : BuiltInStrategy(hasStatus: false)
{
    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        errs.AddRange(FieldChecks.Positive(Json.Int(obj, "spec", "leaseDurationSeconds"), "spec.leaseDurationSeconds"));
        errs.AddRange(FieldChecks.NonNegative(Json.Int(obj, "spec", "leaseTransitions"), "spec.leaseTransitions"));
        return errs;
    }
}
