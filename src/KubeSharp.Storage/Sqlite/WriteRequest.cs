namespace KubeSharp.Storage.Sqlite;

/// <summary>A unit of work queued for the writer loop; completed only after its transaction commits.</summary>
internal abstract class WriteRequest
{
    public abstract void Fail(Exception error);
}

internal abstract class WriteRequest<T> : WriteRequest
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _completion.Task;

    public void Complete(T result) => _completion.TrySetResult(result);

    public override void Fail(Exception error) => _completion.TrySetException(error);
}

internal enum MutationKind { Create, Update, Delete }

/// <summary>A create, update or delete of one key.</summary>
internal sealed class MutationRequest(MutationKind kind, string key, byte[] value, long expectedModRevision)
    : WriteRequest<KeyValue>
{
    public MutationKind Kind { get; } = kind;
    public string Key { get; } = key;
    public byte[] Value { get; } = value;
    public long ExpectedModRevision { get; } = expectedModRevision;
}

/// <summary>
/// One step of compaction: at most <see cref="MaxRevisions"/> revisions past the current compaction mark,
/// never beyond <see cref="Target"/>. Completes with the new compaction mark.
/// </summary>
internal sealed class CompactStepRequest(long target, int maxRevisions) : WriteRequest<long>
{
    public long Target { get; } = target;
    public int MaxRevisions { get; } = maxRevisions;
}

/// <summary>A wal_checkpoint(TRUNCATE), run between transactions. Completes with whether the WAL was fully reset.</summary>
internal sealed class CheckpointRequest : WriteRequest<bool>;
