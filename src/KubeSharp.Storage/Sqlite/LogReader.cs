using Microsoft.Data.Sqlite;

namespace KubeSharp.Storage.Sqlite;

/// <summary>
/// One read-only connection and its prepared queries. Each read that must agree with the compaction mark runs
/// in one transaction, so it sees a single WAL snapshot (rows and the compacted revision together).
/// </summary>
internal sealed class LogReader : IDisposable
{
    private const string RowColumns = "kv.id, kv.name, kv.created, kv.deleted, kv.create_revision, kv.prev_revision, kv.value";

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _latest;
    private readonly SqliteCommand _compactRevision;

    private LogReader(SqliteConnection connection)
    {
        _connection = connection;
        _latest = _connection.Prepare($"SELECT {RowColumns} FROM log AS kv WHERE kv.name = $name ORDER BY kv.id DESC LIMIT 1", "$name");
        _compactRevision = _connection.Prepare(SqliteSchema.SelectCompactRevision);
    }

    public static LogReader Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = SqliteSchema.ReaderPragmas;
                pragmas.ExecuteNonQuery();
            }
            return new LogReader(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The newest live value of a key, or null if it does not exist or its newest row is a tombstone.</summary>
    public KeyValue? Get(string key)
    {
        _latest.Parameters["$name"].Value = key;
        using var reader = _latest.ExecuteReader();
        if (!reader.Read())
            return null;
        var row = LogRow.Read(reader, 0);
        return row.Deleted ? null : row.ToKeyValue();
    }

    public RangeResult Range(KeyRange range, long atRevision, int limit, string? startAfter)
    {
        using var tx = _connection.BeginTransaction(deferred: true);
        ThrowIfCompacted(tx, atRevision);

        // Walks the (name, id) index in key order and keeps a row only if it is its key's newest at atRevision
        // (a correlated lookup on the same index), so a limited page stops early instead of grouping the whole prefix.
        using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"""
            SELECT {RowColumns}
            FROM log AS kv
            WHERE kv.name >= $start {(range.End is null ? "" : "AND kv.name < $end")}
              {(startAfter is null ? "" : "AND kv.name > $after")} AND kv.id <= $rev
              AND kv.id = (SELECT MAX(newest.id) FROM log AS newest WHERE newest.name = kv.name AND newest.id <= $rev)
              AND kv.deleted = 0
            ORDER BY kv.name
            {(limit > 0 ? "LIMIT $limit" : "")}
            """;
        command.Parameters.AddWithValue("$start", range.Start);
        if (range.End is not null)
            command.Parameters.AddWithValue("$end", range.End);
        if (startAfter is not null)
            command.Parameters.AddWithValue("$after", startAfter);
        command.Parameters.AddWithValue("$rev", atRevision);
        if (limit > 0)
            command.Parameters.AddWithValue("$limit", (long)limit + 1); // one extra row answers "more?"

        var items = new List<KeyValue>();
        var more = false;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (limit > 0 && items.Count == limit)
                {
                    more = true;
                    break;
                }
                items.Add(LogRow.Read(reader, 0).ToKeyValue());
            }
        }
        tx.Commit();
        return new RangeResult(items, atRevision, more);
    }

    /// <summary>
    /// Up to <paramref name="max"/> events under the range with revisions in (afterRevision, uptoRevision], oldest
    /// first. An update's previous value is joined from the row it replaced, which compaction keeps while the
    /// update itself is above the compacted revision.
    /// </summary>
    public List<StoreEvent> Events(KeyRange range, long afterRevision, long uptoRevision, int max)
    {
        using var tx = _connection.BeginTransaction(deferred: true);
        ThrowIfCompacted(tx, afterRevision);

        using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"""
            SELECT {RowColumns}, prev.id, prev.create_revision, prev.value
            FROM log AS kv
            LEFT JOIN log AS prev ON prev.id = kv.prev_revision AND kv.created = 0 AND kv.deleted = 0
            WHERE kv.id > $after AND kv.id <= $upto
              AND kv.name >= $start {(range.End is null ? "" : "AND kv.name < $end")}
            ORDER BY kv.id
            LIMIT $max
            """;
        command.Parameters.AddWithValue("$after", afterRevision);
        command.Parameters.AddWithValue("$upto", uptoRevision);
        command.Parameters.AddWithValue("$start", range.Start);
        if (range.End is not null)
            command.Parameters.AddWithValue("$end", range.End);
        command.Parameters.AddWithValue("$max", max);

        var events = new List<StoreEvent>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var row = LogRow.Read(reader, 0);
                KeyValue? prevOfPut = reader.IsDBNull(7)
                    ? null
                    : new KeyValue(row.Name, LogRow.ReadBlob(reader, 9), reader.GetInt64(8), reader.GetInt64(7));
                events.Add(row.ToEvent(prevOfPut));
            }
        }
        tx.Commit();
        return events;
    }

    public void Dispose()
    {
        _latest.Dispose();
        _compactRevision.Dispose();
        _connection.Dispose();
    }

    private void ThrowIfCompacted(SqliteTransaction tx, long revision)
    {
        _compactRevision.Transaction = tx;
        var compacted = _compactRevision.ExecuteScalar() is long value ? value : 0;
        _compactRevision.Transaction = null;
        if (revision < compacted)
            throw new CompactedException(revision, compacted);
    }
}
