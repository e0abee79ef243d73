using System.Text.Json.Nodes;
using KubeSharp.Api.Model;

namespace KubeSharp.ApiServer.Patch;

/// <summary>Who manages a set of fields: upstream keeps one managedFields entry per manager, operation and subresource.</summary>
public readonly record struct ManagerIdentity(string Manager, string Operation, string? Subresource)
{
    public const string Apply = "Apply";
    public const string Update = "Update";
}

/// <summary>One decoded <c>metadata.managedFields</c> entry.</summary>
internal sealed record ManagedEntry(ManagerIdentity Identity, string? ApiVersion, string? Time, FieldSet Fields);

/// <summary>Reads and writes <c>metadata.managedFields</c>.</summary>
internal static class ManagedFieldsCodec
{
    /// <summary>The object's entries by identity; entries that cannot be read are dropped (upstream resets them too).</summary>
    public static Dictionary<ManagerIdentity, ManagedEntry> Decode(JsonObject? obj) => Decode(ListOf(obj));

    public static JsonArray? ListOf(JsonObject? obj) =>
        obj?["metadata"] is JsonObject meta && meta["managedFields"] is JsonArray list ? list : null;

    public static Dictionary<ManagerIdentity, ManagedEntry> Decode(JsonArray? list)
    {
        var result = new Dictionary<ManagerIdentity, ManagedEntry>();
        if (list is null) return result;
        foreach (var node in list)
        {
            if (node is not JsonObject entry) continue;
            var identity = new ManagerIdentity(
                Str(entry, "manager") ?? "",
                Str(entry, "operation") ?? ManagerIdentity.Update,
                Str(entry, "subresource") is { Length: > 0 } s ? s : null);
            FieldSet fields;
            try
            {
                fields = entry["fieldsV1"] is JsonObject f ? FieldSet.FromFieldsV1(f) : new FieldSet();
            }
            catch (FormatException)
            {
                continue;
            }
            var decoded = new ManagedEntry(identity, Str(entry, "apiVersion"), Str(entry, "time"), fields);
            result[identity] = result.TryGetValue(identity, out var previous)
                ? decoded with { Fields = previous.Fields.Union(fields) }
                : decoded;
        }
        return result;
    }

    /// <summary>Upstream's encoding order: operation, then time, manager, API version and subresource.</summary>
    public static JsonArray Encode(IEnumerable<ManagedEntry> entries)
    {
        var list = new JsonArray();
        var ordered = entries
            .Where(e => !e.Fields.IsEmpty)
            .OrderBy(e => e.Identity.Operation, StringComparer.Ordinal)
            .ThenBy(e => SortableTime(e.Time))
            .ThenBy(e => e.Identity.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.ApiVersion ?? "", StringComparer.Ordinal)
            .ThenBy(e => e.Identity.Subresource ?? "", StringComparer.Ordinal);
        foreach (var e in ordered)
        {
            var entry = new JsonObject
            {
                ["manager"] = e.Identity.Manager,
                ["operation"] = e.Identity.Operation,
            };
            if (e.ApiVersion is not null) entry["apiVersion"] = e.ApiVersion;
            if (e.Time is not null) entry["time"] = e.Time;
            entry["fieldsType"] = "FieldsV1";
            entry["fieldsV1"] = e.Fields.ToFieldsV1();
            if (e.Identity.Subresource is not null) entry["subresource"] = e.Identity.Subresource;
            list.Add(entry);
        }
        return list;
    }

    /// <summary>Sets (or, when there are no entries, removes) <c>metadata.managedFields</c>.</summary>
    public static void Write(JsonObject obj, IEnumerable<ManagedEntry> entries) => WriteEncoded(obj, Encode(entries));

    /// <summary>Sets (or, when empty, removes) <c>metadata.managedFields</c> to entries already encoded.</summary>
    public static void WriteEncoded(JsonObject obj, JsonArray encoded)
    {
        if (obj["metadata"] is not JsonObject meta)
        {
            if (encoded.Count == 0) return;
            obj["metadata"] = meta = [];
        }
        if (encoded.Count == 0) meta.Remove("managedFields");
        else meta["managedFields"] = encoded;
    }

    public static string FormatTime(DateTimeOffset now) => KubeJson.FormatTime(now);

    static DateTimeOffset SortableTime(string? time) =>
        time is not null && DateTimeOffset.TryParse(time, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
            ? t : DateTimeOffset.MinValue;

    static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
