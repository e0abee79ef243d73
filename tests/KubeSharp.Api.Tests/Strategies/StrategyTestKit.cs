using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Tests.Strategies;

/// <summary>Runs a strategy the way the registry store does: system metadata, Default, PrepareFor*, Validate*.</summary>
internal static class StrategyTestKit
{
    public static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    public static (JsonObject Obj, IReadOnlyList<FieldError> Errors) Create(IResourceStrategy strategy, string json, string uid = "0f3a-uid")
    {
        var obj = Parse(json);
        var meta = (JsonObject)(obj["metadata"] ??= new JsonObject());
        meta["uid"] = uid;
        strategy.Default(obj);
        strategy.PrepareForCreate(obj);
        return (Stored(obj), strategy.ValidateCreate(obj));
    }

    public static (JsonObject Obj, IReadOnlyList<FieldError> Errors) Update(IResourceStrategy strategy, JsonObject old, Action<JsonObject> change)
    {
        var obj = (JsonObject)old.DeepClone();
        change(obj);
        strategy.Default(obj);
        strategy.PrepareForUpdate(obj, old);
        return (Stored(obj), strategy.ValidateUpdate(obj, old));
    }

    /// <summary>The object as read back from storage (numbers become JSON-backed, as the store hands them over).</summary>
    static JsonObject Stored(JsonObject obj) => Parse(obj.ToJsonString());

    public static IEnumerable<string> Messages(IEnumerable<FieldError> errors) => errors.Select(e => e.ToString());
}
