using System.Text.Json;
using KubeSharp.Node.Runtime;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Kubelet;

/// <summary>
/// A note per running agent in <c>/run/kubesharp/instances/{prefix}.json</c> (data dir, pid, whether it cleans up
/// on exit), so an agent starting up can sweep what crashed instances left on the host: an instance that asked
/// for clean-up, or whose data directory is gone, will never come back for its containers, cgroups and links.
/// </summary>
public sealed class InstanceRegistry(ILogger log, string directory = InstanceRegistry.DefaultDirectory)
{
    public const string DefaultDirectory = "/run/kubesharp/instances";

    sealed record Entry(string Prefix, string DataDirectory, string RuntimeDirectory, int Pid, bool CleanupOnExit);

    public async Task SweepDeadInstancesAsync(string ownPrefix, CancellationToken ct)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.EnumerateFiles(directory, "*.json"))
        {
            Entry? entry;
            try { entry = JsonSerializer.Deserialize<Entry>(await File.ReadAllTextAsync(file, ct)); }
            catch (Exception e) when (e is JsonException or IOException) { continue; }
            if (entry is null || entry.Prefix == ownPrefix || IsAlive(entry)) continue;
            if (!entry.CleanupOnExit && Directory.Exists(entry.DataDirectory)) continue;
            log.LogInformation("sweeping leftovers of dead kubesharp instance {Prefix} (data dir {DataDir})", entry.Prefix, entry.DataDirectory);
            try
            {
                await RuntimeSweeper.SweepAsync(entry.Prefix, Directory.Exists(entry.RuntimeDirectory) ? entry.RuntimeDirectory : null,
                    deleteRootDirectory: false, ct);
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                log.LogWarning(e, "sweeping instance {Prefix} failed", entry.Prefix);
            }
        }
    }

    public async Task RegisterAsync(string prefix, string dataDirectory, string runtimeDirectory, bool cleanupOnExit, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var entry = new Entry(prefix, dataDirectory, runtimeDirectory, Environment.ProcessId, cleanupOnExit);
        var path = Path.Combine(directory, prefix + ".json");
        await File.WriteAllTextAsync(path + ".tmp", JsonSerializer.Serialize(entry), ct);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public void Unregister(string prefix)
    {
        try { File.Delete(Path.Combine(directory, prefix + ".json")); }
        catch (IOException) { }
    }

    static bool IsAlive(Entry entry)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{entry.Pid}/cmdline");
            return cmdline.Contains(entry.DataDirectory, StringComparison.Ordinal) || cmdline.Contains("kubesharp", StringComparison.Ordinal);
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return true; }
    }
}
