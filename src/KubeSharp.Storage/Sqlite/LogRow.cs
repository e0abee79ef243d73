using Microsoft.Data.Sqlite;

namespace KubeSharp.Storage.Sqlite;

/// <summary>One row of the log table: a revision of one key.</summary>
internal readonly record struct LogRow(
    long Id, string Name, bool Created, bool Deleted, long CreateRevision, long PrevRevision, byte[] Value)
{
    /// <summary>Reads the seven log columns starting at <paramref name="first"/>, in schema order.</summary>
    public static LogRow Read(SqliteDataReader reader, int first) => new(
        reader.GetInt64(first),
        reader.GetString(first + 1),
        reader.GetInt64(first + 2) != 0,
        reader.GetInt64(first + 3) != 0,
        reader.GetInt64(first + 4),
        reader.GetInt64(first + 5),
        ReadBlob(reader, first + 6));

    public static byte[] ReadBlob(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<byte[]>(ordinal);

    public KeyValue ToKeyValue() => new(Name, Value, CreateRevision, Id);

    /// <summary>The event this row records; <paramref name="replaced"/> is the value an update replaced.</summary>
    public StoreEvent ToEvent(KeyValue? replaced)
    {
        if (Deleted)
            return new StoreEvent(StoreEventType.Delete, ToKeyValue(), new KeyValue(Name, Value, CreateRevision, PrevRevision));
        return new StoreEvent(StoreEventType.Put, ToKeyValue(), Created ? null : replaced);
    }
}
