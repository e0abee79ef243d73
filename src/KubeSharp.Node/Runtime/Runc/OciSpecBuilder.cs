using System.Text.Json.Nodes;
using KubeSharp.Node.Images;
using KubeSharp.Node.Runtime.Cgroups;

namespace KubeSharp.Node.Runtime.Runc;

/// <summary>The process a container runs, resolved from the container config and the image config.</summary>
internal sealed record ResolvedProcess(IReadOnlyList<string> Args, IReadOnlyList<string> Env, string Cwd, long Uid, long Gid);

/// <summary>Writes the OCI runtime spec (<c>config.json</c>) of one container for runc.</summary>
internal static class OciSpecBuilder
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Docker's default capability set, which Kubernetes containers get unless told otherwise.</summary>
    private static readonly string[] DefaultCapabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    private static readonly string[] MaskedPaths =
    [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi",
    ];

    private static readonly string[] ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    /// <summary>Kubernetes semantics: <c>command</c> replaces the Entrypoint, <c>args</c> replaces the Cmd.</summary>
    public static IReadOnlyList<string> ResolveArgs(ContainerConfig config, ImageRuntimeConfig image)
    {
        var command = config.Command is { Count: > 0 } ? config.Command : image.Entrypoint ?? [];
        var args = config.Args is { Count: > 0 } ? config.Args : config.Command is { Count: > 0 } ? [] : image.Cmd ?? [];
        var all = command.Concat(args).ToList();
        if (all.Count == 0)
            throw new InvalidOperationException($"container {config.Name}: no command specified and the image has neither Entrypoint nor Cmd");
        return all;
    }

    /// <summary>Image environment first, container variables override by name, as containerd does; HOSTNAME is the pod's.</summary>
    public static IReadOnlyList<string> ResolveEnv(ContainerConfig config, ImageRuntimeConfig image, string hostname)
    {
        var env = new List<KeyValuePair<string, string>>();
        void Set(string name, string value)
        {
            var index = env.FindIndex(e => e.Key == name);
            if (index >= 0)
                env[index] = new(name, value);
            else
                env.Add(new(name, value));
        }
        foreach (var entry in image.Env ?? [])
        {
            var eq = entry.IndexOf('=');
            Set(eq < 0 ? entry : entry[..eq], eq < 0 ? "" : entry[(eq + 1)..]);
        }
        if (!env.Any(e => e.Key == "PATH"))
            Set("PATH", DefaultPath);
        Set("HOSTNAME", hostname);
        // As containerd's WithTTY: programs on the terminal need to know what it understands.
        if (config.Tty)
            Set("TERM", "xterm");
        foreach (var variable in config.Env ?? [])
            Set(variable.Name, variable.Value);
        return env.Select(e => $"{e.Key}={e.Value}").ToList();
    }

    /// <summary>Resolves an image <c>User</c> (<c>uid</c>, <c>uid:gid</c>, <c>name</c>, <c>name:group</c>) against the root filesystem.</summary>
    public static (long Uid, long Gid) ResolveUser(ContainerConfig config, ImageRuntimeConfig image, string rootfs)
    {
        long uid = 0, gid = 0;
        if (image.User is { Length: > 0 } user)
        {
            var parts = user.Split(':', 2);
            if (long.TryParse(parts[0], out var numeric))
            {
                uid = numeric;
                gid = LookupById(Path.Combine(rootfs, "etc/passwd"), numeric, 3) ?? 0;
            }
            else
            {
                var entry = Lookup(Path.Combine(rootfs, "etc/passwd"), parts[0])
                    ?? throw new InvalidOperationException($"user \"{parts[0]}\" is not in the image's /etc/passwd");
                uid = long.Parse(entry[2]);
                gid = long.Parse(entry[3]);
            }
            if (parts.Length == 2)
            {
                gid = long.TryParse(parts[1], out var g) ? g
                    : long.Parse((Lookup(Path.Combine(rootfs, "etc/group"), parts[1])
                        ?? throw new InvalidOperationException($"group \"{parts[1]}\" is not in the image's /etc/group"))[2]);
            }
        }
        if (config.RunAsUser is { } runAsUser)
        {
            uid = runAsUser;
            if (config.RunAsGroup is null)
                gid = LookupById(Path.Combine(rootfs, "etc/passwd"), runAsUser, 3) ?? gid;
        }
        if (config.RunAsGroup is { } runAsGroup)
            gid = runAsGroup;
        return (uid, gid);
    }

    private static string[]? Lookup(string file, string name) =>
        File.Exists(file) ? File.ReadLines(file).Select(l => l.Split(':')).FirstOrDefault(f => f.Length >= 3 && f[0] == name) : null;

    private static long? LookupById(string file, long id, int field) =>
        File.Exists(file)
            ? File.ReadLines(file).Select(l => l.Split(':'))
                .Where(f => f.Length > field && f[2] == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Select(f => long.TryParse(f[field], out var v) ? v : (long?)null).FirstOrDefault()
            : null;

    public static JsonObject Build(
        ContainerConfig config,
        ResolvedProcess process,
        string hostname,
        string rootfs,
        string sandboxDirectory,
        string netnsPath,
        string cgroupPath)
    {
        var caps = new JsonArray(DefaultCapabilities.Select(c => (JsonNode)c).ToArray());
        JsonArray Caps() => (JsonArray)caps.DeepClone();

        var mounts = new JsonArray
        {
            Mount("/proc", "proc", "proc", []),
            Mount("/dev", "tmpfs", "tmpfs", ["nosuid", "strictatime", "mode=755", "size=65536k"]),
            Mount("/dev/pts", "devpts", "devpts", ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]),
            Mount("/dev/shm", "tmpfs", "shm", ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]),
            Mount("/dev/mqueue", "mqueue", "mqueue", ["nosuid", "noexec", "nodev"]),
            Mount("/sys", "sysfs", "sysfs", ["nosuid", "noexec", "nodev", "ro"]),
            Mount("/sys/fs/cgroup", "cgroup", "cgroup", ["nosuid", "noexec", "nodev", "relatime", "ro"]),
        };
        foreach (var file in new[] { "hosts", "resolv.conf", "hostname" })
            mounts.Add(Mount("/etc/" + file, "bind", Path.Combine(sandboxDirectory, file), ["rbind", "rprivate"]));
        foreach (var volume in config.Mounts ?? [])
        {
            var options = new List<string> { "rbind", "rprivate" };
            if (volume.ReadOnly)
                options.Add("ro");
            mounts.Add(Mount(volume.ContainerPath, "bind", volume.HostPath, options));
        }

        var resources = new JsonObject
        {
            ["devices"] = new JsonArray(new JsonObject { ["allow"] = false, ["access"] = "rwm" }),
            ["cpu"] = CpuResources(config.Resources),
        };
        if (config.Resources?.MemoryLimitBytes is { } memory and > 0)
            resources["memory"] = new JsonObject { ["limit"] = memory };

        var spec = new JsonObject
        {
            ["ociVersion"] = "1.0.2",
            ["process"] = new JsonObject
            {
                // runc then allocates the container's terminal and copies it to its own stdio, itself a terminal (see ContainerShim).
                ["terminal"] = config.Tty,
                ["user"] = new JsonObject { ["uid"] = process.Uid, ["gid"] = process.Gid },
                ["args"] = Strings(process.Args),
                ["env"] = Strings(process.Env),
                ["cwd"] = process.Cwd,
                ["capabilities"] = new JsonObject { ["bounding"] = Caps(), ["effective"] = Caps(), ["permitted"] = Caps() },
                // No rlimits: raising RLIMIT_NOFILE needs CAP_SYS_RESOURCE, which this host lacks; the node's limits are inherited.
                ["noNewPrivileges"] = false,
                // Negative scores need CAP_SYS_RESOURCE, which this host's containers lack; 0 is the safe floor.
                ["oomScoreAdj"] = Math.Clamp(config.OomScoreAdj, 0, 1000),
            },
            ["root"] = new JsonObject { ["path"] = rootfs, ["readonly"] = false },
            ["mounts"] = mounts,
            ["linux"] = new JsonObject
            {
                ["resources"] = resources,
                ["cgroupsPath"] = cgroupPath,
                ["namespaces"] = Namespaces(netnsPath),
                ["maskedPaths"] = Strings(MaskedPaths),
                ["readonlyPaths"] = Strings(ReadonlyPaths),
            },
        };
        // Host-network pods (no netns path) share the node's network and UTS namespaces, so the node's host name too.
        if (netnsPath.Length > 0)
            spec["hostname"] = hostname;
        return spec;
    }

    private static JsonArray Namespaces(string netnsPath)
    {
        var namespaces = new JsonArray
        {
            new JsonObject { ["type"] = "pid" },
            new JsonObject { ["type"] = "ipc" },
            new JsonObject { ["type"] = "mount" },
        };
        if (netnsPath.Length > 0)
        {
            namespaces.Add(new JsonObject { ["type"] = "uts" });
            namespaces.Add(new JsonObject { ["type"] = "network", ["path"] = netnsPath });
        }
        return namespaces;
    }

    private static JsonObject CpuResources(ContainerResources? resources)
    {
        var cpu = new JsonObject { ["shares"] = CgroupResources.SharesFromMillis(resources?.CpuRequestMillis ?? resources?.CpuLimitMillis) };
        if (CgroupResources.QuotaFromMillis(resources?.CpuLimitMillis) is { } quota)
        {
            cpu["quota"] = quota;
            cpu["period"] = CgroupResources.QuotaPeriodMicros;
        }
        return cpu;
    }

    private static JsonObject Mount(string destination, string type, string source, IEnumerable<string> options) => new()
    {
        ["destination"] = destination,
        ["type"] = type,
        ["source"] = source,
        ["options"] = Strings(options),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
