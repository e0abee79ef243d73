namespace KubeSharp.Storage.Sqlite;

/// <summary>
/// The on-disk layout, after k3s's kine: one append-only log whose row id is the revision.
/// A create row has created = 1 and prev_revision = the key's previous tombstone (0 if none);
/// an update points prev_revision at the row it replaced; a delete is a tombstone row (deleted = 1) that
/// keeps the deleted value so delete events need no join.
/// </summary>
internal static class SqliteSchema
{
    public const string CompactRevisionKey = "compact_revision";

    // AUTOINCREMENT matters: compaction may delete the newest row (a tombstone), and sqlite_sequence
    // then still remembers the highest revision ever issued, so revisions never repeat after a restart.
    // The unique (name, prev_revision) index is the compare-and-swap of last resort: two rows can never
    // both claim to replace the same revision of a key, even if the writer's own checks were wrong.
    public const string CreateTables = """
        CREATE TABLE IF NOT EXISTS log (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            name            TEXT    NOT NULL,
            created         INTEGER NOT NULL,
            deleted         INTEGER NOT NULL,
            create_revision INTEGER NOT NULL,
            prev_revision   INTEGER NOT NULL,
            value           BLOB    NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS log_name_prev_revision ON log (name, prev_revision);
        CREATE INDEX IF NOT EXISTS log_name_id ON log (name, id);
        CREATE TABLE IF NOT EXISTS meta (
            key   TEXT    PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;

    // WAL with synchronous=NORMAL: a commit is appended to the WAL with write(2) but not fsync'd. The bytes
    // are then in the kernel's page cache, so an acknowledged write survives the process being killed
    // (kill -9, crash) and is recovered from the WAL on the next open; only an OS crash or power loss can
    // lose the newest commits. Options.Synchronous = "FULL" trades throughput for power-loss durability.
    public static string WriterPragmas(string synchronous) => $"""
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = {synchronous};
        PRAGMA busy_timeout = 5000;
        PRAGMA foreign_keys = OFF;
        """;

    public const string ReaderPragmas = """
        PRAGMA busy_timeout = 5000;
        PRAGMA query_only = 1;
        """;

    public const string SelectCompactRevision = $"SELECT value FROM meta WHERE key = '{CompactRevisionKey}'";

    public const string SelectCurrentRevision = "SELECT seq FROM sqlite_sequence WHERE name = 'log'";
}
