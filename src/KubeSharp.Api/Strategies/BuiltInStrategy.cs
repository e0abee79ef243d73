using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>
/// Base of the built-in kinds' strategies. Upstream defaults an object while decoding it, before the
/// strategy's PrepareFor* runs; the store here calls Default afterwards, so Prepare defaults first too
/// (defaulting is idempotent) — otherwise a body missing defaulted fields would look like a spec change.
/// </summary>
public abstract class BuiltInStrategy(bool hasStatus) : DefaultStrategy(hasStatus)
{
    public override void PrepareForCreate(JsonObject obj)
    {
        Default(obj);
        base.PrepareForCreate(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        Default(obj);
        base.PrepareForUpdate(obj, old);
    }

    /// <summary>Create-time validation plus <see cref="ValidateImmutable"/>.</summary>
    public override IReadOnlyList<FieldError> ValidateUpdate(JsonObject obj, JsonObject old) =>
        [.. ValidateCreate(obj), .. ValidateImmutable(obj, old)];

    /// <summary>What an update may not change; nothing unless a kind says otherwise.</summary>
    protected virtual IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old) => [];

    protected static JsonObject Spec(JsonObject obj) => Json.Ensure(obj, "spec");
}
