using KubeSharp.Storage.Sqlite;

namespace KubeSharp.Storage.Tests;

/// <summary>A temporary directory holding a store file; removed on dispose.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private readonly List<SqliteStore> _opened = [];

    public TempStore()
    {
        Directory = Path.Combine(Path.GetTempPath(), "kubesharp-storage-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "state.db");

    public async Task<SqliteStore> OpenAsync(SqliteStoreOptions? options = null, TimeProvider? time = null, string? path = null)
    {
        var store = await SqliteStore.OpenAsync(path ?? DatabasePath, options ?? new SqliteStoreOptions(), time);
        _opened.Add(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
            await store.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

internal static class Bytes
{
    public static ReadOnlyMemory<byte> Of(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    public static string Text(this KeyValue kv) => System.Text.Encoding.UTF8.GetString(kv.Value.Span);
}
