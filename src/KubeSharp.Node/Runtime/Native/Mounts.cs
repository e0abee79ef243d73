namespace KubeSharp.Node.Runtime.Native;

/// <summary>Overlay root filesystems and mount-table queries.</summary>
internal static class Mounts
{
    /// <param name="lowerDirectories">Image layers, bottom to top (overlayfs wants them top first).</param>
    public static void MountOverlay(IReadOnlyList<string> lowerDirectories, string upper, string work, string target)
    {
        var lower = string.Join(':', lowerDirectories.Reverse());
        var options = $"lowerdir={lower},upperdir={upper},workdir={work}";
        if (options.Length >= 4096)
            throw new InvalidOperationException($"too many layers for one overlay mount ({lowerDirectories.Count})");
        LibC.Check(LibC.mount("overlay", target, "overlay", 0, options), $"mount overlay on {target}");
    }

    /// <summary>Lazy unmount, so a container process that lingers cannot block cleanup.</summary>
    public static bool Unmount(string target)
    {
        if (LibC.umount2(target, LibC.MNT_DETACH) == 0)
            return true;
        var errno = LibC.LastError;
        if (errno is LibC.EINVAL or LibC.ENOENT)
            return false; // not mounted
        throw new IOException($"umount {target}: errno {errno}", errno);
    }

    public static IReadOnlyList<string> MountPointsUnder(string directory)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var result = new List<string>();
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var point = line.Split(' ')[4].Replace("\\040", " ").Replace("\\134", "\\");
            if (point == root || point.StartsWith(root + "/", StringComparison.Ordinal))
                result.Add(point);
        }
        // Deepest first, so nested mounts come off before their parents.
        return result.OrderByDescending(p => p.Length).ToList();
    }

    public static bool IsMountPoint(string path) =>
        MountPointsUnder(path).Contains(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
}
