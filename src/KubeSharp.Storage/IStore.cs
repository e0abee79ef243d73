namespace KubeSharp.Storage;

/// <summary>One key at one revision, as etcd's mvccpb.KeyValue.</summary>
public sealed record KeyValue(string Key, ReadOnlyMemory<byte> Value, long CreateRevision, long ModRevision);

public enum StoreEventType { Put, Delete }

/// <summary>
/// One change. For a Put, <see cref="Kv"/> is the new value and <see cref="PrevKv"/> the one it replaced
/// (null on create). For a Delete, <see cref="Kv"/> carries the deleted value with ModRevision set to the
/// revision of the delete, and PrevKv the same value at its last revision.
/// </summary>
public sealed record StoreEvent(StoreEventType Type, KeyValue Kv, KeyValue? PrevKv)
{
    public long Revision => Kv.ModRevision;
}

/// <summary>A page of a range read: the items, the store revision it was read at, and whether more follow.</summary>
public sealed record RangeResult(IReadOnlyList<KeyValue> Items, long Revision, bool More);

/// <summary>
/// A revisioned key-value store with etcd's semantics: one global, strictly increasing revision; per-key
/// create and mod revisions; compare-and-swap on mod revision; prefix ranges; watch from a revision; and
/// compaction, after which reads and watches below the compacted revision fail with <see cref="CompactedException"/>.
/// An acknowledged write is durable.
/// </summary>
public interface IStore : IAsyncDisposable
{
    /// <summary>The revision of the newest write (0 for an empty store).</summary>
    long CurrentRevision { get; }

    /// <summary>The newest revision that has been compacted away (0 if none).</summary>
    long CompactedRevision { get; }

    Task<KeyValue?> GetAsync(string key, CancellationToken ct = default);

    /// <summary>
    /// Keys starting with <paramref name="prefix"/>, in key order, strictly after <paramref name="startAfter"/>
    /// if given, at most <paramref name="limit"/> (0 = all), as of <paramref name="revision"/> (0 = newest).
    /// </summary>
    Task<RangeResult> RangeAsync(string prefix, long revision = 0, int limit = 0, string? startAfter = null, CancellationToken ct = default);

    /// <summary>Creates a key; throws <see cref="KeyExistsException"/> if it exists.</summary>
    Task<KeyValue> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken ct = default);

    /// <summary>
    /// Replaces a key's value if its mod revision is <paramref name="expectedModRevision"/>; throws
    /// <see cref="ConflictException"/> (carrying the current value) if not, <see cref="KeyNotFoundException"/> if missing.
    /// </summary>
    Task<KeyValue> UpdateAsync(string key, ReadOnlyMemory<byte> value, long expectedModRevision, CancellationToken ct = default);

    /// <summary>
    /// Deletes a key if its mod revision is <paramref name="expectedModRevision"/> (0 = unconditionally);
    /// returns the delete event's value (ModRevision = the delete's revision).
    /// </summary>
    Task<KeyValue> DeleteAsync(string key, long expectedModRevision = 0, CancellationToken ct = default);

    /// <summary>
    /// Every change under <paramref name="prefix"/> with revision greater than <paramref name="afterRevision"/>,
    /// in revision order, then live changes until cancelled. Throws <see cref="CompactedException"/> when
    /// <paramref name="afterRevision"/> is below the compacted revision.
    /// </summary>
    IAsyncEnumerable<StoreEvent> WatchAsync(string prefix, long afterRevision, CancellationToken ct = default);

    /// <summary>Discards history at and below <paramref name="revision"/> (newest values are kept).</summary>
    Task CompactAsync(long revision, CancellationToken ct = default);
}

public sealed class KeyExistsException(string key) : Exception($"key {key} already exists")
{
    public string Key { get; } = key;
}

public sealed class ConflictException(string key, KeyValue? current) : Exception($"key {key} was modified")
{
    public string Key { get; } = key;
    public KeyValue? Current { get; } = current;
}

public sealed class CompactedException(long requested, long compacted)
    : Exception($"required revision {requested} has been compacted (compacted revision {compacted})")
{
    public long Requested { get; } = requested;
    public long Compacted { get; } = compacted;
}
