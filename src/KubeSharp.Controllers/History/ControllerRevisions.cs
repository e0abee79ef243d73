using System.Globalization;
using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;

namespace KubeSharp.Controllers.History;

/// <summary>
/// Pure helpers over ControllerRevision objects (as JSON): building one for an owner, ordering, finding
/// equal ones, and the template patch that daemon sets and stateful sets store as revision data.
/// </summary>
public static class ControllerRevisions
{
    public static long Revision(JsonObject revision) => JsonFields.Int(revision, "revision") ?? 0;

    /// <summary>Oldest first: by revision number, then creation time, then name.</summary>
    public static IReadOnlyList<JsonObject> Sort(IEnumerable<JsonObject> revisions) =>
        [.. revisions.OrderBy(Revision)
            .ThenBy(r => JsonFields.Str(r, "metadata", "creationTimestamp") ?? "", StringComparer.Ordinal)
            .ThenBy(r => JsonMeta.Name(r) ?? "", StringComparer.Ordinal)];

    /// <summary>One past the highest revision number (1 for an empty history).</summary>
    public static long Next(IEnumerable<JsonObject> revisions) => revisions.Select(Revision).DefaultIfEmpty(0).Max() + 1;

    public static bool DataEqual(JsonObject a, JsonObject b) =>
        JsonNode.DeepEquals(CanonicalJson.Normalize(a["data"]), CanonicalJson.Normalize(b["data"]));

    /// <summary>Revisions whose data equals <paramref name="needle"/>'s, oldest first.</summary>
    public static IReadOnlyList<JsonObject> FindEqual(IEnumerable<JsonObject> revisions, JsonObject needle) =>
        Sort(revisions.Where(r => DataEqual(r, needle)));

    /// <summary>
    /// The data a revision records: the owner's pod template under spec.template with a
    /// <c>$patch: replace</c> directive, so that applying it as a strategic merge patch (kubectl rollout undo)
    /// puts the template back whole.
    /// </summary>
    public static JsonObject TemplatePatch(JsonObject owner)
    {
        var template = JsonFields.Obj(owner, "spec", "template")?.DeepClone() as JsonObject ?? [];
        template["$patch"] = "replace";
        return (JsonObject)CanonicalJson.Normalize(new JsonObject { ["spec"] = new JsonObject { ["template"] = template } })!;
    }

    /// <summary>The pod template a revision recorded with <see cref="TemplatePatch"/>.</summary>
    public static JsonObject? TemplateOf(JsonObject revision)
    {
        if (JsonFields.Obj(revision, "data", "spec", "template")?.DeepClone() is not JsonObject template) return null;
        template.Remove("$patch");
        return template;
    }

    /// <summary>
    /// A new (not yet created) revision of <paramref name="owner"/>: labelled with the template's labels,
    /// carrying the owner's annotations (so kubectl's change-cause shows in rollout history) and owned by it.
    /// The name is set when it is created, from the hash and the collision count.
    /// </summary>
    public static JsonObject New(JsonObject owner, string apiVersion, string kind, JsonObject data, long revision)
    {
        var labels = JsonFields.Obj(owner, "spec", "template", "metadata", "labels")?.DeepClone() as JsonObject ?? [];
        var meta = new JsonObject
        {
            ["namespace"] = JsonMeta.Namespace(owner),
            ["labels"] = labels,
            ["ownerReferences"] = new JsonArray(ControllerRefs.New(owner, apiVersion, kind)),
        };
        if (JsonFields.Obj(owner, "metadata", "annotations")?.DeepClone() is JsonObject annotations && annotations.Count > 0)
            meta["annotations"] = annotations;
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ControllerRevision",
            ["metadata"] = meta,
            ["data"] = data.DeepClone(),
            ["revision"] = revision,
        };
    }

    /// <summary>Names and labels <paramref name="revision"/> for <paramref name="collisionCount"/>; returns the hash.</summary>
    public static string Name(JsonObject revision, string ownerName, int? collisionCount)
    {
        var hash = ControllerRevisionHash.Compute(JsonFields.Obj(revision, "data") ?? [], collisionCount);
        var meta = JsonFields.Ensure(revision, "metadata");
        meta["name"] = ControllerRevisionHash.RevisionName(ownerName, hash);
        JsonFields.Ensure(meta, "labels")[ControllerRevisionHash.Label] = hash;
        return hash;
    }

    public static string FormatRevision(long revision) => revision.ToString(CultureInfo.InvariantCulture);
}
