using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>discovery.k8s.io/v1 EndpointSlices.</summary>
public sealed class EndpointSliceStrategy() : BuiltInStrategy(hasStatus: false)
{
    static readonly IReadOnlyList<string> AddressTypes = ["IPv4", "IPv6", "FQDN"];

    public override void Default(JsonObject obj)
    {
        foreach (var (_, port) in Json.Items(obj["ports"]))
        {
            if (port["name"] is null) port["name"] = "";
            Json.Default(port, "protocol", "TCP");
        }
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        errs.AddRange(FieldChecks.OneOf(Json.Str(obj, "addressType"), "addressType", AddressTypes, required: true));
        foreach (var (i, ep) in Json.Items(obj["endpoints"]))
        {
            var addresses = Json.Strings(ep["addresses"]).ToList();
            if (addresses.Count == 0) errs.Add(FieldError.Required($"endpoints[{i}].addresses", "must contain at least 1 address"));
            else if (addresses.Count > 100) errs.Add(new FieldError(FieldErrorType.TooMany, $"endpoints[{i}].addresses", "must have at most 100 items", addresses.Count));
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, port) in Json.Items(obj["ports"]))
        {
            var name = Json.Str(port, "name") ?? "";
            if (name.Length > 0)
                foreach (var m in NameValidation.IsDNS1123Label(name)) errs.Add(FieldError.Invalid($"ports[{i}].name", name, m));
            if (!names.Add(name)) errs.Add(FieldError.Duplicate($"ports[{i}].name", name));
            if (Json.Int(port, "port") is { } p)
                foreach (var m in ContainerValidation.PortNumber(p)) errs.Add(FieldError.Invalid($"ports[{i}].port", p, m));
            errs.AddRange(FieldChecks.OneOf(Json.Str(port, "protocol"), $"ports[{i}].protocol", ContainerValidation.Protocols));
        }
        return errs;
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old) =>
        FieldChecks.Immutable(obj["addressType"], old["addressType"], "addressType");
}
