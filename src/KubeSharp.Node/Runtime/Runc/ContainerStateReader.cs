using System.Globalization;
using System.Text.Json;
using KubeSharp.Node.Runtime.Cgroups;
using KubeSharp.Node.Runtime.Native;

namespace KubeSharp.Node.Runtime.Runc;

/// <summary>The observed state of a container, read only from the files its waiter and runc leave on disk.</summary>
internal sealed record ObservedState(
    ContainerState State,
    int? Pid,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    string? Reason,
    string? Message);

internal static class ContainerStateReader
{
    public const int SigkillExitCode = 137;

    public static ObservedState Read(RuntimeLayout layout, ContainerRecord record)
    {
        var id = record.Id;
        var pid = ReadInt(layout.PidFile(id));
        DateTimeOffset? startedAt = pid is null ? null : File.GetLastWriteTimeUtc(layout.PidFile(id));
        var exit = ReadInt(layout.ExitFile(id));
        if (exit is { } code)
        {
            var finishedAt = new DateTimeOffset(File.GetLastWriteTimeUtc(layout.ExitFile(id)));
            if (pid is null)
                return new ObservedState(ContainerState.Exited, null, null, finishedAt, code == 0 ? 128 : code, "StartError", RuncError(layout.RuncLog(id)));
            var oomKills = CgroupTree.ParseOomKill(TryRead(layout.OomFile(id))) ?? CgroupTree.OomKillCount(record.CgroupPath) ?? 0;
            var reason = code == SigkillExitCode && oomKills > 0 ? "OOMKilled" : code == 0 ? "Completed" : "Error";
            return new ObservedState(ContainerState.Exited, pid, startedAt, finishedAt, code, reason, null);
        }
        if (pid is not null)
        {
            // Running unless its waiter vanished without recording a status (killed from outside).
            var shim = ReadInt(layout.ShimPidFile(id));
            if (shim is not null && !LibC.ProcessExists(shim.Value) && !File.Exists(layout.ExitFile(id)))
                return new ObservedState(ContainerState.Unknown, pid, startedAt, null, null, "Unknown", "the container's waiter process is gone");
            return new ObservedState(ContainerState.Running, pid, startedAt, null, null, null, null);
        }
        return new ObservedState(ContainerState.Created, null, null, null, null, null, null);
    }

    public static bool HasExited(RuntimeLayout layout, string id) => File.Exists(layout.ExitFile(id));

    private static int? ReadInt(string path) =>
        TryRead(path) is { } text && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? TryRead(string path)
    {
        try { return File.ReadAllText(path); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    /// <summary>The last error runc logged (JSON lines with <c>level</c> and <c>msg</c>).</summary>
    public static string? RuncError(string logPath)
    {
        if (TryRead(logPath) is not { } text)
            return null;
        string? last = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("level", out var level) && level.GetString() is "error" or "fatal"
                    && doc.RootElement.TryGetProperty("msg", out var msg))
                    last = msg.GetString();
            }
            catch (JsonException)
            {
                last = line;
            }
        }
        return last;
    }
}
