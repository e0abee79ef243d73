using KubeSharp.Node.Runtime.Native;

namespace KubeSharp.Node.Runtime.Cgroups;

/// <summary>Reads and removes cgroup v1 directories across every mounted hierarchy (runc creates one per controller).</summary>
public static class CgroupTree
{
    public static IReadOnlyList<string> Hierarchies() => Mounts().Select(m => m.MountPoint).ToList();

    /// <summary>cgroup mounts with their controllers (the super options, e.g. <c>rw,memory</c>).</summary>
    public static IReadOnlyList<(string MountPoint, string[] Options)> Mounts()
    {
        var result = new List<(string, string[])>();
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // mountinfo: ID parent major:minor root mountpoint options ... - fstype source superoptions
            var dash = line.IndexOf(" - ", StringComparison.Ordinal);
            if (dash < 0)
                continue;
            var tail = line[(dash + 3)..].Split(' ');
            if (tail[0] is not ("cgroup" or "cgroup2")) // runc also creates the path in the unified hierarchy of a hybrid host
                continue;
            result.Add((Unescape(line[..dash].Split(' ')[4]), tail.Length > 2 ? tail[2].Split(',') : []));
        }
        return result;
    }

    /// <summary>The memory cgroup's <c>oom_kill</c> counter (kernel ≥ 4.13), or null if the cgroup is gone.</summary>
    public static long? OomKillCount(string cgroupPath) => ParseOomKill(TryRead(Path.Combine(MemoryDirectory(cgroupPath), "memory.oom_control")));

    public static long? ParseOomKill(string? oomControl)
    {
        if (oomControl is null)
            return null;
        foreach (var line in oomControl.Split('\n'))
        {
            if (line.StartsWith("oom_kill ", StringComparison.Ordinal) && long.TryParse(line[9..].Trim(), out var count))
                return count;
        }
        return null;
    }

    public static string MemoryDirectory(string cgroupPath) =>
        (Mounts().FirstOrDefault(m => m.Options.Contains("memory")).MountPoint ?? "/sys/fs/cgroup/memory") + cgroupPath;

    /// <summary>Kills whatever still runs in the subtree, then removes its directories bottom-up in every hierarchy.</summary>
    public static async Task RemoveAsync(string cgroupPath, bool killProcesses, CancellationToken cancellationToken)
    {
        foreach (var hierarchy in Hierarchies())
        {
            var root = hierarchy + cgroupPath;
            if (!Directory.Exists(root))
                continue;
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var directories = Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)
                    .OrderByDescending(d => d.Length).Append(root).ToList();
                var busy = false;
                foreach (var directory in directories)
                {
                    foreach (var pid in ReadPids(directory))
                    {
                        busy = true;
                        if (killProcesses)
                            LibC.kill(pid, 9);
                    }
                }
                if (!busy || !killProcesses)
                {
                    foreach (var directory in directories)
                    {
                        try { Directory.Delete(directory); }
                        catch (IOException) { /* still in use (by a running container when not killing) */ }
                    }
                    break;
                }
                await Task.Delay(20, cancellationToken);
            }
        }
    }

    private static IEnumerable<int> ReadPids(string directory) =>
        (TryRead(Path.Combine(directory, "cgroup.procs")) ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.TryParse(p, out var pid) ? pid : 0)
            .Where(p => p > 0);

    private static string? TryRead(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static string Unescape(string mountinfoPath) =>
        mountinfoPath.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}
