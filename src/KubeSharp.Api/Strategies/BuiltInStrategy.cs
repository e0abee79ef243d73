using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>
/// Base of the built-in kinds' strategies: update validation is create validation plus what may not change.
/// </summary>
public abstract class BuiltInStrategy(bool hasStatus) : DefaultStrategy(hasStatus)
{
    /// <summary>Create-time validation plus <see cref="ValidateImmutable"/>.</summary>
    public override IReadOnlyList<FieldError> ValidateUpdate(JsonObject obj, JsonObject old) =>
        [.. ValidateCreate(obj), .. ValidateImmutable(obj, old)];

    /// <summary>What an update may not change; nothing unless a kind says otherwise.</summary>
    protected virtual IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old) => [];

    protected static JsonObject Spec(JsonObject obj) => Json.Ensure(obj, "spec");
}
