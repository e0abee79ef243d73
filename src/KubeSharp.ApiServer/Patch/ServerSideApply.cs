using System.Text.Json.Nodes;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.Patch;

/// <summary>
/// Field management as upstream's API server does it: <see cref="Apply"/> for server-side apply
/// (<c>application/apply-patch+yaml</c>), <see cref="TrackUpdate(JsonObject?, JsonObject, string, string, string?, SchemaNode?, DateTimeOffset, IEnumerable{string}?)"/>
/// for every other write, both maintaining <c>metadata.managedFields</c> in the FieldsV1 format.
/// Pure: inputs are never changed and results are new objects.
/// </summary>
public static class ServerSideApply
{
    /// <summary>Owner of the fields of an object that had no managedFields when first applied to.</summary>
    public const string BeforeFirstApplyManager = "before-first-apply";

    /// <summary>Fields the server sets or that identify the object; never anyone's to own (upstream's stripped set).</summary>
    static readonly FieldSet SystemFields = FieldSet.Of(
        [PathElement.Field("apiVersion")],
        [PathElement.Field("kind")],
        Meta("name"), Meta("namespace"), Meta("creationTimestamp"), Meta("selfLink"), Meta("uid"),
        Meta("clusterName"), Meta("generation"), Meta("managedFields"), Meta("resourceVersion"));

    static PathElement[] Meta(string name) => [PathElement.Field("metadata"), PathElement.Field(name)];

    /// <summary>
    /// Applies <paramref name="applied"/> (the user's configuration) to <paramref name="live"/> (null: create) for
    /// <paramref name="manager"/>. Fields the manager applied before and has now left out are removed unless
    /// another manager owns them. Changing a field another manager owns is a conflict unless
    /// <paramref name="force"/>, which takes the field over.
    /// </summary>
    /// <param name="ignoredFields">Dotted paths the operation may not own, e.g. "status" on the main resource (upstream's reset fields).</param>
    public static ApplyResult Apply(
        JsonObject? live, JsonObject applied, string manager, bool force, SchemaNode? schema, DateTimeOffset now,
        string? subresource = null, IEnumerable<string>? ignoredFields = null)
    {
        if (ManagedFieldsCodec.ListOf(applied) is { Count: > 0 })
            throw PatchException.Malformed("metadata.managedFields must be nil");

        var config = (JsonObject)WithoutNulls(applied)!;
        var current = WithoutManagedFields(live) ?? [];
        var ignored = Ignored(ignoredFields);
        var managers = ManagedFieldsCodec.Decode(live);
        if (live is not null && managers.Count == 0)
        {
            var existing = FieldSetBuilder.Build(current, schema).RecursiveDifference(ignored);
            var id = new ManagerIdentity(BeforeFirstApplyManager, ManagerIdentity.Update, null);
            if (!existing.IsEmpty) managers[id] = new ManagedEntry(id, ApiVersionOf(live), ManagedFieldsCodec.FormatTime(now), existing);
        }

        CompleteKeys(config, current, schema);
        var applier = new ManagerIdentity(manager, ManagerIdentity.Apply, subresource);
        var applierSet = FieldSetBuilder.Build(config, schema).RecursiveDifference(ignored);
        var merged = (JsonObject)ApplyMerge.Merge(current, config, schema)!;

        managers.TryGetValue(applier, out var previous);
        var others = managers.Where(m => m.Key != applier).Aggregate(new FieldSet(), (acc, m) => acc.Union(m.Value.Fields));
        if (previous is not null) Prune(merged, previous.Fields, applierSet, others, ignored, schema);

        var comparison = ValueComparison.Compare(current, merged, schema).Without(ignored);
        var changed = comparison.Changed;
        var conflicts = new List<ApplyConflict>();
        foreach (var (id, entry) in managers)
        {
            if (id == applier) continue;
            foreach (var path in entry.Fields.Intersection(changed).Paths())
                conflicts.Add(new ApplyConflict(id, entry.ApiVersion, FieldPathFormat.Format(path)));
        }
        if (conflicts.Count > 0 && !force)
            return new ApplyResult { Conflicts = [.. conflicts.OrderBy(c => c.Manager.Manager, StringComparer.Ordinal)] };

        foreach (var id in managers.Keys.ToList())
        {
            if (id == applier) continue;
            var entry = managers[id];
            managers[id] = entry with { Fields = entry.Fields.Difference(changed).Difference(comparison.Removed) };
        }

        var contentChanged = !JsonNode.DeepEquals(current, merged);
        var time = contentChanged || previous?.Time is null ? ManagedFieldsCodec.FormatTime(now) : previous.Time;
        managers[applier] = new ManagedEntry(applier, ApiVersionOf(config) ?? previous?.ApiVersion, time, applierSet);

        ManagedFieldsCodec.Write(merged, managers.Values);
        return new ApplyResult { Object = merged, Changed = contentChanged };
    }

    /// <summary>
    /// Records an ordinary create (<paramref name="old"/> null), update or patch: the fields it added or changed
    /// become <paramref name="manager"/>'s (and stop being anyone else's); removed fields stop being anyone's.
    /// Returns a copy of <paramref name="updated"/> with the new <c>metadata.managedFields</c>. managedFields sent
    /// in the request replace the live ones (except on subresources); <c>[{}]</c> clears them.
    /// </summary>
    public static JsonObject TrackUpdate(
        JsonObject? old, JsonObject updated, string manager, string operation, string? subresource, SchemaNode? schema,
        DateTimeOffset now, IEnumerable<string>? ignoredFields = null)
    {
        var result = (JsonObject)updated.DeepClone();
        ManagedFieldsCodec.WriteEncoded(result, ManagedFieldsAfterUpdate(old, updated, manager, operation, subresource, schema, now, Ignored(ignoredFields)));
        return result;
    }

    /// <summary>
    /// The <c>metadata.managedFields</c> that <see cref="TrackUpdate(JsonObject?, JsonObject, string, string, string?, SchemaNode?, DateTimeOffset, IEnumerable{string}?)"/>
    /// would give <paramref name="updated"/> (empty: none), without copying either object: the server sets the result on
    /// its own copy, and on every write, so the copies were most of the cost. <paramref name="ignored"/> comes from
    /// <see cref="IgnoredFields"/>.
    /// </summary>
    public static JsonArray ManagedFieldsAfterUpdate(
        JsonObject? old, JsonObject updated, string manager, string operation, string? subresource, SchemaNode? schema,
        DateTimeOffset now, FieldSet ignored)
    {
        var requested = ManagedFieldsCodec.ListOf(updated);
        if (subresource is null && requested is [JsonObject { Count: 0 }]) return [];
        var managers = subresource is null && requested is { Count: > 0 }
            ? ManagedFieldsCodec.Decode(requested)
            : ManagedFieldsCodec.Decode(old);

        // metadata.managedFields is left out of the comparison as if removed from both objects; it is among the
        // ignored (system) fields, so nothing under it could count anyway.
        var comparison = ValueComparison.Compare(old ?? [], updated, schema, ignoreManagedFields: true).Without(ignored);
        var changed = comparison.Changed;
        foreach (var id in managers.Keys.ToList())
        {
            var entry = managers[id];
            managers[id] = entry with { Fields = entry.Fields.Difference(changed).Difference(comparison.Removed) };
        }
        if (!changed.IsEmpty)
        {
            var id = new ManagerIdentity(manager, operation, subresource);
            // changed is this call's own set, so a manager's first entry can take it without a copy.
            var fields = managers.TryGetValue(id, out var e) ? e.Fields.Union(changed) : changed;
            managers[id] = new ManagedEntry(id, ApiVersionOf(updated), ManagedFieldsCodec.FormatTime(now), fields);
        }
        return ManagedFieldsCodec.Encode(managers.Values);
    }

    /// <summary>
    /// The fields no operation may own: the system fields plus <paramref name="ignoredFields"/> (dotted paths).
    /// Built once by callers that track every write; treat the result as read-only.
    /// </summary>
    public static FieldSet IgnoredFields(IEnumerable<string>? ignoredFields) => Ignored(ignoredFields);

    /// <inheritdoc cref="TrackUpdate(JsonObject?, JsonObject, string, string, string?, SchemaNode?, DateTimeOffset, IEnumerable{string}?)"/>
    public static JsonObject TrackUpdate(JsonObject? old, JsonObject updated, string manager, SchemaNode? schema, DateTimeOffset now) =>
        TrackUpdate(old, updated, manager, ManagerIdentity.Update, null, schema, now);

    /// <summary>The fields <paramref name="obj"/> sets, in FieldsV1 (for diagnostics and tests).</summary>
    public static JsonObject FieldsOf(JsonObject obj, SchemaNode? schema) =>
        FieldSetBuilder.Build(WithoutManagedFields(obj), schema).RecursiveDifference(SystemFields).ToFieldsV1();

    /// <summary>
    /// Removes what the applier owned before and no longer applies, unless another manager (or the applier's
    /// new configuration) still owns it or something beneath it.
    /// </summary>
    static void Prune(JsonObject merged, FieldSet previous, FieldSet applied, FieldSet others, FieldSet ignored, SchemaNode? schema)
    {
        var keep = applied.Union(others);
        var candidates = previous.Difference(applied).Difference(others).RecursiveDifference(ignored);
        var toRemove = new FieldSet();
        foreach (var path in candidates.Paths())
            if (!keep.HasDescendants(path)) toRemove.Insert(path);
        if (!toRemove.IsEmpty) FieldRemoval.Remove(merged, toRemove, schema);
    }

    /// <summary>
    /// Fills key fields an applied map-list item leaves out (a port without its protocol) from the one live
    /// item it can only mean, or from the key field's schema default, so both name the same item.
    /// </summary>
    static void CompleteKeys(JsonNode? config, JsonNode? live, SchemaNode? schema)
    {
        switch (config)
        {
            case JsonObject c when !StructuralSchema.IsAtomicMap(schema):
                foreach (var (name, value) in c)
                    CompleteKeys(value, (live as JsonObject)?[name], StructuralSchema.Member(schema, name));
                break;
            case JsonArray list when StructuralSchema.ListOf(schema) is (ListKind.Map, var keys):
                var liveItems = (live as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
                foreach (var item in list.OfType<JsonObject>())
                {
                    var missing = keys.Where(k => item[k] is null).ToList();
                    if (missing.Count > 0)
                    {
                        var present = keys.Except(missing).ToList();
                        var candidates = liveItems.Where(l => present.All(k => JsonNode.DeepEquals(l[k], item[k]))).ToList();
                        foreach (var key in missing)
                        {
                            var fill = candidates.Count == 1 ? candidates[0][key] : schema!.Items?.Property(key)?.Default;
                            if (fill is not null) item[key] = fill.DeepClone();
                        }
                    }
                    var match = liveItems.FirstOrDefault(l => keys.All(k => JsonNode.DeepEquals(l[k], item[k])));
                    CompleteKeys(item, match, schema!.Items);
                }
                break;
        }
    }

    static FieldSet Ignored(IEnumerable<string>? ignoredFields)
    {
        if (ignoredFields is null) return SystemFields;
        var set = SystemFields.Clone();
        foreach (var dotted in ignoredFields)
            set.Insert([.. dotted.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(PathElement.Field)]);
        return set;
    }

    static string? ApiVersionOf(JsonObject obj) =>
        obj["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    static JsonObject? WithoutManagedFields(JsonObject? obj)
    {
        if (obj is null) return null;
        var copy = (JsonObject)obj.DeepClone();
        if (copy["metadata"] is JsonObject meta) meta.Remove("managedFields");
        return copy;
    }

    /// <summary>A copy without null members: in an applied configuration null means "not specified".</summary>
    static JsonNode? WithoutNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var obj = new JsonObject();
                foreach (var (name, value) in o)
                    if (value is not null) obj[name] = WithoutNulls(value);
                return obj;
            case JsonArray a:
                return new JsonArray([.. a.Select(WithoutNulls)]);
            default:
                return node?.DeepClone();
        }
    }
}
