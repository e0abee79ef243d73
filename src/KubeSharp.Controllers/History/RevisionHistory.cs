using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Client;

namespace KubeSharp.Controllers.History;

/// <summary>
/// Reads and writes an owner's ControllerRevisions: finds or creates the revision of its current template
/// (renumbering an older equal revision instead of duplicating it, which is how a rollback becomes the
/// newest revision), resolves name collisions, and trims old revisions no pod runs any more.
/// </summary>
public sealed class RevisionHistory(IApiClient api, string fieldManager)
{
    public static readonly GroupVersionResource Resource = new("apps", "v1", "controllerrevisions");

    /// <summary>Name clashes with unequal data are bumped past this many times at most before giving up.</summary>
    const int MaxCollisionProbes = 64;

    WriteOptions Options => new() { FieldManager = fieldManager };

    /// <summary>The revision the owner's current state corresponds to, and the collision count to record.</summary>
    public sealed record UpdateRevision(JsonObject Revision, int CollisionCount);

    /// <summary>
    /// The revision matching <paramref name="data"/>: the newest revision when it already matches, an older
    /// equal revision renumbered to the next number, or a newly created one.
    /// </summary>
    public async Task<UpdateRevision> EnsureAsync(JsonObject owner, string apiVersion, string kind, JsonObject data,
        IReadOnlyList<JsonObject> revisions, int collisionCount, CancellationToken ct)
    {
        var sorted = ControllerRevisions.Sort(revisions);
        var next = ControllerRevisions.Next(sorted);
        var candidate = ControllerRevisions.New(owner, apiVersion, kind, data, next);
        var equal = ControllerRevisions.FindEqual(sorted, candidate);
        if (equal.Count > 0 && ReferenceEquals(equal[^1], sorted[^1])) return new(sorted[^1], collisionCount);
        if (equal.Count > 0) return new(await RenumberAsync(equal[^1], next, ct), collisionCount);
        return await CreateAsync(JsonMeta.Name(owner) ?? "", candidate, collisionCount, ct);
    }

    /// <summary>
    /// Creates <paramref name="revision"/> under its hash name. An existing revision of that name with equal
    /// data is returned instead; one with other data is a hash collision, probed past by raising the count.
    /// </summary>
    public async Task<UpdateRevision> CreateAsync(string ownerName, JsonObject revision, int collisionCount, CancellationToken ct)
    {
        var ns = JsonMeta.Namespace(revision);
        for (var probe = 0; ; probe++)
        {
            var attempt = (JsonObject)revision.DeepClone();
            ControllerRevisions.Name(attempt, ownerName, collisionCount);
            try
            {
                return new(await api.CreateAsync(Resource, ns, attempt, options: Options, ct: ct), collisionCount);
            }
            catch (StatusError e) when (e.Code == 409 && probe < MaxCollisionProbes)
            {
                var existing = await api.GetAsync(Resource, ns, JsonMeta.Name(attempt)!, ct: ct);
                if (ControllerRevisions.DataEqual(existing, attempt)) return new(existing, collisionCount);
                collisionCount++;
            }
        }
    }

    /// <summary>Gives <paramref name="revision"/> a new revision number (retrying on write conflicts).</summary>
    public async Task<JsonObject> RenumberAsync(JsonObject revision, long number, CancellationToken ct)
    {
        var current = revision;
        for (var attempt = 0; ; attempt++)
        {
            var updated = (JsonObject)current.DeepClone();
            updated["revision"] = number;
            try
            {
                return await api.UpdateAsync(Resource, JsonMeta.Namespace(current), updated, options: Options, ct: ct);
            }
            catch (StatusError e) when (e.Code == 409 && attempt < 3)
            {
                current = await api.GetAsync(Resource, JsonMeta.Namespace(current), JsonMeta.Name(current)!, ct: ct);
            }
        }
    }

    /// <summary>
    /// Deletes the oldest revisions beyond <paramref name="limit"/>, never one named in <paramref name="live"/>
    /// (the current and update revisions and those pods still run).
    /// </summary>
    public async Task TruncateAsync(IReadOnlyList<JsonObject> revisions, IReadOnlySet<string> live, int limit, CancellationToken ct)
    {
        var history = ControllerRevisions.Sort(revisions.Where(r => !live.Contains(JsonMeta.Name(r) ?? "")));
        for (var i = 0; i < history.Count - Math.Max(limit, 0); i++)
        {
            try
            {
                await api.DeleteAsync(Resource, JsonMeta.Namespace(history[i]), JsonMeta.Name(history[i])!, ct: ct);
            }
            catch (StatusError e) when (e.Code == 404) { }
        }
    }
}
