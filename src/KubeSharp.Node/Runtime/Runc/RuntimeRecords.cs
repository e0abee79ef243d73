using System.Text.Json;

namespace KubeSharp.Node.Runtime.Runc;

/// <summary>A sandbox as persisted in <c>sandboxes/{id}/sandbox.json</c>.</summary>
internal sealed record SandboxRecord(
    string Id,
    PodSandboxConfig Config,
    DateTimeOffset CreatedAt,
    string Ip,
    string NetnsPath,
    PodSandboxState State);

/// <summary>A container as persisted in <c>containers/{id}/container.json</c>; its runtime state lives in sibling files.</summary>
internal sealed record ContainerRecord(
    string Id,
    string PodSandboxId,
    ContainerConfig Config,
    string ImageReference,
    string ImageId,
    DateTimeOffset CreatedAt,
    string CgroupPath);

internal static class RecordFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static async Task<T?> ReadAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Write-then-rename, so a crash never leaves a torn record.</summary>
    public static async Task WriteAsync<T>(string path, T value, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, JsonSerializer.SerializeToUtf8Bytes(value, Json), cancellationToken);
        File.Move(temp, path, overwrite: true);
    }
}
