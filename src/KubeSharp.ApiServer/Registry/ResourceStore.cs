using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Validation;
using KubeSharp.Storage;

namespace KubeSharp.ApiServer.Registry;

/// <summary>
/// The generic registry store of one resource, as upstream's genericregistry.Store: CRUD on the
/// key-value store with the resource's strategy, admission, optimistic concurrency, finalizers and
/// graceful deletion. Reads come from the watch cache once it has caught up with the store.
/// </summary>
public sealed partial class ResourceStore
{
    readonly RegistryContext _ctx;

    public ResourceStore(ResourceDefinition definition, RegistryContext ctx)
    {
        Definition = definition;
        _ctx = ctx;
        Prefix = $"{Cacher.Root}{(definition.Group.Length == 0 ? "core" : definition.Group)}/{definition.Plural}/";
    }

    public ResourceDefinition Definition { get; }

    /// <summary>Key prefix of every object of this resource, e.g. "/registry/apps/deployments/".</summary>
    public string Prefix { get; }

    IResourceStrategy Strategy => Definition.Strategy;

    public string KeyFor(string? ns, string name) => Definition.Namespaced ? $"{Prefix}{ns}/{name}" : $"{Prefix}{name}";

    string ListPrefix(string? ns) => Definition.Namespaced && !string.IsNullOrEmpty(ns) ? $"{Prefix}{ns}/" : Prefix;

    // Every read asks for the cache; once it exists (nearly always) it is returned without an async call.
    ValueTask<WatchCache> CacheAsync(CancellationToken ct) =>
        _ctx.Cacher.TryGetCache(Prefix, out var cache) ? ValueTask.FromResult(cache) : new ValueTask<WatchCache>(_ctx.Cacher.ForPrefixAsync(Prefix, ct));

    // ---------------------------------------------------------------- reads

    public async Task<JsonObject> GetAsync(string? ns, string name, CancellationToken ct)
    {
        var obj = await GetCachedAsync(ns, name, ct) ?? throw NotFound(name);
        return obj.ParseCopy();
    }

    /// <summary>The cached object (read-your-writes, as <see cref="GetAsync"/>), or 404; for serving its bytes as they are.</summary>
    public async Task<CachedObject> GetExistingAsync(string? ns, string name, CancellationToken ct) =>
        await GetCachedAsync(ns, name, ct) ?? throw NotFound(name);

    public async Task<CachedObject?> GetCachedAsync(string? ns, string name, CancellationToken ct)
    {
        var cache = await CacheAsync(ct);
        await _ctx.Cacher.WaitForFreshAsync(ct);
        return cache.Get(KeyFor(ns, name));
    }

    /// <summary>The cached object as the cache has it now, without waiting for in-flight writes (admission's view, as upstream's informer-backed lookups).</summary>
    public async Task<CachedObject?> PeekCachedAsync(string? ns, string name, CancellationToken ct) =>
        (await CacheAsync(ct)).Get(KeyFor(ns, name));

    public async Task<ListResult> ListAsync(string? ns, ListParams p, CancellationToken ct)
    {
        var filter = SelectionPredicate.Build(Definition, ns, p.LabelSelector, p.FieldSelector);
        var cache = await CacheAsync(ct);
        // resourceVersion "0" allows any cached state; otherwise the list must include every acknowledged write.
        if (p.ResourceVersion != "0") await _ctx.Cacher.WaitForFreshAsync(ct);
        var rv = JsonMeta.ParseResourceVersion(p.ResourceVersion == "0" ? null : p.ResourceVersion);
        if (rv is { } wanted && wanted > 0) await _ctx.Cacher.WaitForRevisionAsync(wanted, ct);

        string? startAfter = null;
        if (!string.IsNullOrEmpty(p.Continue))
        {
            var token = ContinueToken.Decode(p.Continue);
            if (token.Revision < _ctx.Store.CompactedRevision)
                throw StatusError.Gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            startAfter = token.StartAfter;
        }
        var (items, revision) = cache.Snapshot(ListPrefix(ns), startAfter, filter.Matches, p.Limit, out var more);
        string? next = more ? ContinueToken.Encode(revision, items[^1].Key) : null;
        return new ListResult(items, revision, next, more ? 1 : null);
    }

    /// <summary>
    /// Starts a watch. <paramref name="resourceVersion"/> unset or "0": current objects as ADDED first, then changes;
    /// otherwise changes after that revision.
    /// </summary>
    public async Task<WatchCache.Subscriber> WatchAsync(string? ns, ListParams p, bool sendInitialEvents, CancellationToken ct)
    {
        var filter = SelectionPredicate.Build(Definition, ns, p.LabelSelector, p.FieldSelector);
        var cache = await CacheAsync(ct);
        long? after = null;
        if (!string.IsNullOrEmpty(p.ResourceVersion) && p.ResourceVersion != "0" && !sendInitialEvents)
        {
            after = JsonMeta.ParseResourceVersion(p.ResourceVersion);
            await _ctx.Cacher.WaitForRevisionAsync(after!.Value, ct);
        }
        else if (p.ResourceVersion != "0") await _ctx.Cacher.WaitForFreshAsync(ct);
        var prefix = ListPrefix(ns);
        return cache.Subscribe(after, o => o.Key.StartsWith(prefix, StringComparison.Ordinal) && filter.Matches(o));
    }

    public void Unsubscribe(WatchCache.Subscriber sub)
    {
        if (_ctx.Cacher.TryGetCache(Prefix, out var cache)) cache.Unsubscribe(sub);
    }

    // ---------------------------------------------------------------- create

    public Task<JsonObject> CreateAsync(string? ns, JsonObject obj, WriteParams p, CancellationToken ct) =>
        CreateAsync(ns, obj, p, trackFields: true, ct);

    async Task<JsonObject> CreateAsync(string? ns, JsonObject obj, WriteParams p, bool trackFields, CancellationToken ct)
    {
        CheckTypeMeta(obj);
        var meta = JsonMeta.Meta(obj);
        ns = ReconcileNamespace(ns, meta);
        var name = JsonMeta.Str(meta["name"]);
        if (string.IsNullOrEmpty(name))
        {
            var gen = JsonMeta.Str(meta["generateName"]);
            if (string.IsNullOrEmpty(gen))
                throw StatusError.Invalid(Definition.Group, Definition.Kind, "", [FieldError.Required("metadata.name", "name or generateName is required")]);
            name = gen + RandomSuffix();
            meta["name"] = name;
        }
        if (JsonMeta.Str(meta["resourceVersion"]) is { Length: > 0 })
            throw StatusError.BadRequest("resourceVersion should not be set on objects to be created");

        var now = _ctx.Time.GetUtcNow();
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = KubeJson.FormatTime(now);
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("selfLink");
        meta.Remove("resourceVersion");
        obj["apiVersion"] = Definition.ApiVersion;
        obj["kind"] = Definition.Kind;

        // Defaulted once, before the strategy, as upstream defaults while decoding the request body.
        Strategy.Default(obj);
        Strategy.PrepareForCreate(obj);
        await _ctx.AdmitAsync(new AdmissionRequest(Definition, "CREATE", ns, name, null, obj, null, p.DryRun, p.User), ct);
        Validate(name, ObjectMetaValidation.Validate(obj, Definition), Strategy.ValidateCreate(obj));
        if (trackFields) _ctx.FieldManager.TrackUpdate(Definition, null, obj, p.FieldManager ?? DefaultManager(p), "Update", null, now);

        if (p.DryRun)
        {
            JsonMeta.SetResourceVersion(obj, 0);
            if (await GetCachedAsync(ns, name, ct) is not null) throw AlreadyExists(name);
            return obj;
        }
        try
        {
            var kv = await _ctx.Store.CreateAsync(KeyFor(ns, name), Serialize(obj), ct);
            JsonMeta.SetResourceVersion(obj, kv.ModRevision);
            return obj;
        }
        catch (KeyExistsException)
        {
            throw AlreadyExists(name);
        }
    }

    // ---------------------------------------------------------------- update

    /// <summary>PUT: replaces the object (or its status) if the resourceVersion matches, or unconditionally if none is given.</summary>
    public Task<JsonObject> UpdateAsync(string? ns, string name, JsonObject obj, string? subresource, WriteParams p, CancellationToken ct)
    {
        CheckTypeMeta(obj);
        var meta = JsonMeta.Meta(obj);
        var bodyName = JsonMeta.Str(meta["name"]);
        if (bodyName is not null && bodyName != name)
            throw StatusError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        meta["name"] = name;
        ReconcileNamespace(ns, meta);
        var expected = JsonMeta.ParseResourceVersion(JsonMeta.Str(meta["resourceVersion"]));
        return WriteAsync(ns, name, subresource, p, "Update", expected, current => obj, ct);
    }

    /// <summary>
    /// Reads the current object, lets <paramref name="mutate"/> produce the new one, and writes it with
    /// compare-and-swap, retrying on conflict when no resourceVersion precondition was given.
    /// </summary>
    public async Task<JsonObject> WriteAsync(string? ns, string name, string? subresource, WriteParams p, string operation,
        long? expectedRevision, Func<JsonObject, JsonObject> mutate, CancellationToken ct)
    {
        var key = KeyFor(ns, name);
        for (var attempt = 0; ; attempt++)
        {
            var kv = await _ctx.Store.GetAsync(key, ct) ?? throw NotFound(name);
            var current = StoredJson.Parse(kv.Value.Span, kv.ModRevision);
            if (expectedRevision is { } want && want != kv.ModRevision)
                throw StatusError.Conflict(Definition.GroupResource, name, "the object has been modified; please apply your changes to the latest version and try again");

            var updated = mutate((JsonObject)current.DeepClone());
            var result = await PrepareUpdateAsync(ns, name, updated, current, subresource, p, operation, ct);
            if (result is null) return current;

            if (p.DryRun) return result;
            var meta = JsonMeta.Meta(result);
            if (JsonMeta.DeletionTimestamp(result) is not null && JsonMeta.Finalizers(result).Count == 0 && !HasNamespaceFinalizers(result))
            {
                // The last finalizer is gone: the deletion that was waiting for it completes now.
                try
                {
                    var deleted = await _ctx.Store.DeleteAsync(key, kv.ModRevision, ct);
                    JsonMeta.SetResourceVersion(result, deleted.ModRevision);
                    return result;
                }
                catch (ConflictException) when (expectedRevision is null && attempt < 10) { continue; }
            }
            meta.Remove("resourceVersion");
            try
            {
                var written = await _ctx.Store.UpdateAsync(key, Serialize(result), kv.ModRevision, ct);
                JsonMeta.SetResourceVersion(result, written.ModRevision);
                return result;
            }
            catch (ConflictException) when (expectedRevision is null && attempt < 10) { }
            catch (ConflictException)
            {
                throw StatusError.Conflict(Definition.GroupResource, name, "the object has been modified; please apply your changes to the latest version and try again");
            }
            catch (KeyNotFoundException) { throw NotFound(name); }
        }
    }

    /// <summary>Applies system metadata, strategy, admission and validation to an update; null when nothing changes.</summary>
    async Task<JsonObject?> PrepareUpdateAsync(string? ns, string name, JsonObject obj, JsonObject old, string? subresource, WriteParams p, string operation, CancellationToken ct)
    {
        var meta = JsonMeta.Meta(obj);
        var oldMeta = JsonMeta.Meta(old);
        var bodyUid = JsonMeta.Str(meta["uid"]);
        if (!string.IsNullOrEmpty(bodyUid) && bodyUid != JsonMeta.Str(oldMeta["uid"]))
            throw StatusError.Conflict(Definition.GroupResource, name, $"Precondition failed: UID in precondition: {bodyUid}, UID in object meta: {JsonMeta.Str(oldMeta["uid"])}");
        // Fields the server owns cannot be changed by clients.
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name" })
        {
            if (oldMeta[field] is { } v) meta[field] = v.DeepClone(); else meta.Remove(field);
        }
        if (JsonMeta.DeletionTimestamp(old) is not null && JsonMeta.Finalizers(obj).Except(JsonMeta.Finalizers(old)).Any())
            throw StatusError.Invalid(Definition.Group, Definition.Kind, name, [FieldError.Forbidden("metadata.finalizers", "no new finalizers can be added if the object is being deleted")]);
        meta.Remove("selfLink");
        obj["apiVersion"] = Definition.ApiVersion;
        obj["kind"] = Definition.Kind;

        Strategy.Default(obj);
        if (subresource == "status") Strategy.PrepareForStatusUpdate(obj, old);
        else if (subresource is null or "scale" or "finalize") Strategy.PrepareForUpdate(obj, old);
        if (subresource == "finalize")
        {
            // Only the namespace's spec.finalizers may change through /finalize.
            var finalizers = obj["spec"]?["finalizers"]?.DeepClone();
            foreach (var (k, v) in old) if (k != "spec") obj[k] = v?.DeepClone();
            obj["spec"] = old["spec"]?.DeepClone() ?? new JsonObject();
            ((JsonObject)obj["spec"]!)["finalizers"] = finalizers ?? new JsonArray();
        }
        await _ctx.AdmitAsync(new AdmissionRequest(Definition, "UPDATE", ns, name, subresource, obj, old, p.DryRun, p.User), ct);
        Validate(name, ObjectMetaValidation.Validate(obj, Definition), subresource == "binding" ? [] : Strategy.ValidateUpdate(obj, old));
        if (operation != "Apply")
            _ctx.FieldManager.TrackUpdate(Definition, old, obj, p.FieldManager ?? DefaultManager(p), operation, subresource, _ctx.Time.GetUtcNow());

        JsonMeta.SetResourceVersion(obj, long.Parse(JsonMeta.ResourceVersion(old)!, CultureInfo.InvariantCulture));
        return JsonNode.DeepEquals(obj, old) ? null : obj;
    }

    // ---------------------------------------------------------------- server-side apply

    /// <summary>Server-side apply: creates the object from the applied configuration, or merges it into the live one.</summary>
    public async Task<JsonObject> ApplyAsync(string? ns, string name, JsonObject applied, string? subresource, WriteParams p, CancellationToken ct)
    {
        if (JsonMeta.Str(applied["apiVersion"]) is not { Length: > 0 } || JsonMeta.Str(applied["kind"]) is not { Length: > 0 })
            throw StatusError.BadRequest("apiVersion and kind must be set in an applied configuration");
        CheckTypeMeta(applied);
        var meta = JsonMeta.Meta(applied);
        if (JsonMeta.Str(meta["name"]) is { } bodyName && bodyName != name)
            throw StatusError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        meta["name"] = name;
        ReconcileNamespace(ns, meta);
        var manager = p.FieldManager!;
        for (var attempt = 0; ; attempt++)
        {
            if (await _ctx.Store.GetAsync(KeyFor(ns, name), ct) is null)
            {
                if (subresource is not null) throw NotFound(name);
                var created = _ctx.FieldManager.Apply(Definition, null, (JsonObject)applied.DeepClone(), manager, p.Force, null, _ctx.Time.GetUtcNow());
                try { return await CreateAsync(ns, created, p, trackFields: false, ct); }
                catch (StatusError e) when (e.Reason == "AlreadyExists" && attempt < 3) { continue; }
            }
            try
            {
                return await WriteAsync(ns, name, subresource, p, "Apply", null,
                    current => _ctx.FieldManager.Apply(Definition, current, (JsonObject)applied.DeepClone(), manager, p.Force, subresource, _ctx.Time.GetUtcNow()), ct);
            }
            catch (StatusError e) when (e.Code == 404 && attempt < 3) { }
        }
    }

    // ---------------------------------------------------------------- helpers

    void CheckTypeMeta(JsonObject obj)
    {
        var kind = JsonMeta.Str(obj["kind"]);
        var apiVersion = JsonMeta.Str(obj["apiVersion"]);
        if (kind is { Length: > 0 } && kind != Definition.Kind)
            throw StatusError.BadRequest($"{kind} in version \"{Definition.Version}\" cannot be handled as a {Definition.Kind}: no kind \"{kind}\" is registered for version \"{apiVersion}\"");
        if (apiVersion is not null && apiVersion.Length > 0 && apiVersion != Definition.ApiVersion)
            throw StatusError.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({Definition.ApiVersion})");
    }

    string? ReconcileNamespace(string? ns, JsonObject meta)
    {
        if (!Definition.Namespaced)
        {
            meta.Remove("namespace");
            return null;
        }
        var bodyNs = JsonMeta.Str(meta["namespace"]);
        if (string.IsNullOrEmpty(ns))
        {
            if (string.IsNullOrEmpty(bodyNs)) throw StatusError.BadRequest("the namespace of the object must be set");
            ns = bodyNs;
        }
        else if (!string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
            throw StatusError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        meta["namespace"] = ns;
        return ns;
    }

    void Validate(string name, params IReadOnlyList<FieldError>[] lists)
    {
        var errors = lists.SelectMany(l => l).ToList();
        if (errors.Count > 0) throw StatusError.Invalid(Definition.Group, Definition.Kind, name, errors);
    }

    static bool HasNamespaceFinalizers(JsonObject obj) =>
        obj["kind"]?.GetValue<string>() == "Namespace" && obj["spec"]?["finalizers"] is JsonArray { Count: > 0 };

    static string DefaultManager(WriteParams p) => "unknown";

    static byte[] Serialize(JsonObject obj) => JsonSerializer.SerializeToUtf8Bytes(obj);

    StatusError NotFound(string name) => StatusError.NotFound(Definition.GroupResource, name);

    StatusError AlreadyExists(string name) => StatusError.AlreadyExists(Definition.GroupResource, name);

    static string RandomSuffix()
    {
        // Upstream's alphabet leaves out vowels and look-alikes so generated names never spell words.
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        Span<char> s = stackalloc char[5];
        for (var i = 0; i < s.Length; i++) s[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return new string(s);
    }
}

/// <summary>Opaque paging token: the revision of the first page and the last key returned.</summary>
static class ContinueToken
{
    public static string Encode(long revision, string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = revision, ["start"] = lastKey })));

    public static (long Revision, string StartAfter) Decode(string token)
    {
        try
        {
            var json = JsonNode.Parse(Convert.FromBase64String(token))!;
            return (json["rv"]!.GetValue<long>(), json["start"]!.GetValue<string>());
        }
        catch (Exception e) when (e is FormatException or JsonException or NullReferenceException or InvalidOperationException)
        {
            throw StatusError.BadRequest("continue key is not valid: " + e.Message);
        }
    }
}
