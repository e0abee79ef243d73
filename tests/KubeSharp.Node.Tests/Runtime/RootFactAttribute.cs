namespace KubeSharp.Node.Tests.Runtime;

/// <summary>A fact that needs root, runc and busybox-static; skipped with the reason when the machine lacks them.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (MissingRequirement() is { } reason)
            Skip = reason;
    }

    public static string? MissingRequirement()
    {
        if (Environment.UserName != "root" && !string.Equals(Environment.GetEnvironmentVariable("USER"), "root", StringComparison.Ordinal) && GetUid() != 0)
            return "needs root (namespaces, mounts, cgroups)";
        if (!File.Exists("/usr/sbin/runc") && !File.Exists("/usr/bin/runc"))
            return "runc is not installed (apt-get install -y runc)";
        if (!File.Exists("/bin/busybox"))
            return "busybox-static is not installed (apt-get install -y busybox-static)";
        if (!File.Exists("/usr/sbin/ip") && !File.Exists("/sbin/ip"))
            return "iproute2 is not installed";
        return null;
    }

    private static uint GetUid()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
                return uint.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        return uint.MaxValue;
    }
}
