namespace KubeSharp.Storage.Sqlite;

/// <summary>Tuning knobs of <see cref="SqliteStore"/>; the defaults suit a single API server.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>Read connections kept open; reads beyond this many wait for a free one.</summary>
    public int ReadConnections { get; init; } = 4;

    /// <summary>Most writes committed in one transaction (group commit).</summary>
    public int MaxBatchSize { get; init; } = 512;

    /// <summary>
    /// Live events a watcher may have pending before it is ended with <see cref="WatchOverflowException"/>.
    /// </summary>
    public int WatchBufferSize { get; init; } = 10_000;

    /// <summary>Rows read per query while replaying history to a watcher.</summary>
    public int ReplayPageSize { get; init; } = 1_000;

    /// <summary>Revisions compacted per writer transaction, so compaction never holds the writer for long.</summary>
    public int CompactBatchRevisions { get; init; } = 1_000;

    /// <summary>
    /// How often the WAL is folded back into the database and truncated (compaction also does so); zero or
    /// negative disables the timer.
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>SQLite's synchronous pragma: "NORMAL" survives process kills, "FULL" also power loss.</summary>
    public string Synchronous { get; init; } = "NORMAL";

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(WatchBufferSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReplayPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(CompactBatchRevisions, 1);
        if (Synchronous is not ("NORMAL" or "FULL" or "EXTRA"))
            throw new ArgumentException("Synchronous must be NORMAL, FULL or EXTRA", nameof(Synchronous));
    }
}
