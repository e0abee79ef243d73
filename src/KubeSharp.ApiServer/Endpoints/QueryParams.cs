using System.Globalization;
using KubeSharp.Api.Errors;
using KubeSharp.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Endpoints;

/// <summary>Reads upstream's query parameters (ListOptions, CreateOptions, PatchOptions, DeleteOptions) from a request.</summary>
public static class QueryParams
{
    public static string? Str(HttpRequest r, string name) => r.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    public static bool Bool(HttpRequest r, string name) =>
        Str(r, name) is { } v && (v.Length == 0 || v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1");

    public static long? Long(HttpRequest r, string name)
    {
        var v = Str(r, name);
        if (string.IsNullOrEmpty(v)) return null;
        return long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw StatusError.BadRequest($"invalid value for {name}: \"{v}\"");
    }

    public static ListParams List(HttpRequest r)
    {
        var limit = Long(r, "limit") ?? 0;
        if (limit < 0) limit = 0;
        return new ListParams
        {
            LabelSelector = Str(r, "labelSelector"),
            FieldSelector = Str(r, "fieldSelector"),
            ResourceVersion = Str(r, "resourceVersion"),
            ResourceVersionMatch = Str(r, "resourceVersionMatch"),
            Limit = (int)Math.Min(limit, int.MaxValue),
            Continue = Str(r, "continue"),
        };
    }

    public static WriteParams Write(HttpRequest r, UserInfo user)
    {
        var dryRun = DryRun(r);
        var validation = Str(r, "fieldValidation");
        if (validation is not (null or "" or "Strict" or "Warn" or "Ignore"))
            throw StatusError.BadRequest($"fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got \"{validation}\"");
        var manager = Str(r, "fieldManager");
        if (manager is { Length: > 128 }) throw StatusError.BadRequest("fieldManager: Too long: must have at most 128 bytes");
        return new WriteParams
        {
            DryRun = dryRun,
            FieldManager = string.IsNullOrEmpty(manager) ? null : manager,
            FieldValidation = string.IsNullOrEmpty(validation) ? "Warn" : validation,
            Force = Bool(r, "force"),
            User = user,
        };
    }

    public static bool DryRun(HttpRequest r)
    {
        if (!r.Query.TryGetValue("dryRun", out var values)) return false;
        foreach (var v in values)
        {
            if (v == "All") return true;
            if (!string.IsNullOrEmpty(v)) throw StatusError.BadRequest($"dryRun: Unsupported value: \"{v}\": supported values: \"All\"");
        }
        return false;
    }
}
