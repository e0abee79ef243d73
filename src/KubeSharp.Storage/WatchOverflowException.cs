namespace KubeSharp.Storage;

/// <summary>
/// Ends a watch whose consumer fell too far behind the writers. Nothing was skipped: every event up to and
/// including <see cref="LastRevision"/> was delivered, so the consumer can resume by watching again from it.
/// </summary>
public sealed class WatchOverflowException(string prefix, long lastRevision)
    : Exception($"watch on {prefix} fell too far behind and was ended after revision {lastRevision}")
{
    public string Prefix { get; } = prefix;
    public long LastRevision { get; } = lastRevision;
}
