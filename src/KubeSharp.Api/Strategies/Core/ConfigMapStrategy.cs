using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>core/v1 ConfigMaps.</summary>
public sealed class ConfigMapStrategy() : BuiltInStrategy(hasStatus: false)
{
    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var data = Json.Obj(obj, "data");
        var binary = Json.Obj(obj, "binaryData");
        errs.AddRange(ConfigDataChecks.Keys(data, "data"));
        errs.AddRange(ConfigDataChecks.Keys(binary, "binaryData"));
        long total = 0;
        foreach (var (key, value) in data ?? [])
        {
            total += Encoding.UTF8.GetByteCount(Json.Str(value) ?? "");
            if (binary?[key] is not null) errs.Add(FieldError.Invalid($"data[{key}]", key, "duplicate of key present in binaryData"));
        }
        foreach (var (_, value) in binary ?? [])
            total += ((Json.Str(value) ?? "").Length * 3) / 4;
        if (total > ConfigDataChecks.MaxTotalBytes) errs.Add(FieldError.TooLong("", "", ConfigDataChecks.MaxTotalBytes));
        return errs;
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old) =>
        ConfigDataChecks.Immutable(obj, old, "data", "binaryData");
}
