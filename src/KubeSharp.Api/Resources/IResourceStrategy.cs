using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Resources;

/// <summary>
/// Per-resource behaviour of the generic registry store, as upstream's RESTCreateStrategy and
/// RESTUpdateStrategy: the store calls these in a fixed order — system metadata, then
/// Default (once, as upstream defaults on decode), PrepareFor*, Validate* — on a private copy of the object.
/// </summary>
public interface IResourceStrategy
{
    /// <summary>Whether the kind has a spec/status split (status writes go through /status only).</summary>
    bool HasStatusSubresource { get; }

    /// <summary>Clears what a client may not set on create (status for kinds with a status subresource).</summary>
    void PrepareForCreate(JsonObject obj);

    /// <summary>Carries over what a main-resource update may not change (status) and bumps metadata.generation on spec change.</summary>
    void PrepareForUpdate(JsonObject obj, JsonObject old);

    /// <summary>Carries over what a status update may not change (everything but status).</summary>
    void PrepareForStatusUpdate(JsonObject obj, JsonObject old);

    /// <summary>
    /// Fills in defaults as upstream's defaulting functions (on create, update and apply). Runs before
    /// PrepareFor*, so a Prepare that adds fields upstream would default on read-back fills them itself.
    /// </summary>
    void Default(JsonObject obj);

    IReadOnlyList<FieldError> ValidateCreate(JsonObject obj);

    /// <summary>Validation of an update, including immutable fields.</summary>
    IReadOnlyList<FieldError> ValidateUpdate(JsonObject obj, JsonObject old);

    /// <summary>Warnings returned to the client as Warning headers.</summary>
    IReadOnlyList<string> Warnings(JsonObject obj) => [];
}
