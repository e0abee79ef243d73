using System.Runtime.InteropServices;

namespace KubeSharp.Node.Network.Netlink;

/// <summary>
/// Named network namespaces as <c>ip netns</c> makes them: a file under <c>/var/run/netns</c> with the namespace
/// bind-mounted on it, so it lives without any process in it. Creating one needs a thread to enter the new namespace
/// (namespaces belong to threads); that thread is a dedicated one, which returns to the host's namespace before it
/// ends, so no thread of the pool ever runs elsewhere.
/// </summary>
internal static unsafe class NamedNetns
{
    public const string RunDirectory = "/var/run/netns";
    const int CLONE_NEWNET = 0x40000000;
    const ulong MS_BIND = 0x1000, MS_REC = 0x4000, MS_SHARED = 0x100000;
    const int MNT_DETACH = 0x2;
    const int O_RDONLY = 0, O_CREAT = 0x40, O_EXCL = 0x80, O_CLOEXEC = 0x80000;
    const int EINVAL = 22, ENOENT = 2;

    /// <summary>
    /// Makes the run directory a shared mount (bind-mounting it on itself first if it is none), as <c>ip netns</c>
    /// does, so namespaces mounted there show in every mount namespace. Call once, before any <see cref="CreateAsync"/>.
    /// </summary>
    public static void PrepareRunDirectory()
    {
        Directory.CreateDirectory(RunDirectory);
        if (mount("", RunDirectory, "none", MS_SHARED | MS_REC, null) == 0) return;
        var errno = Marshal.GetLastPInvokeError();
        if (errno != EINVAL) throw Error($"making {RunDirectory} shared", errno);
        Check(mount(RunDirectory, RunDirectory, "none", MS_BIND | MS_REC, null), $"bind-mounting {RunDirectory}");
        Check(mount("", RunDirectory, "none", MS_SHARED | MS_REC, null), $"making {RunDirectory} shared");
    }

    public static string PathOf(string name) => Path.Combine(RunDirectory, name);

    /// <summary>
    /// Creates the namespace <paramref name="name"/> and runs <paramref name="configure"/> with a netlink socket in the
    /// host's namespace, one inside the new namespace, and a descriptor of the new namespace (valid during the call).
    /// On failure the namespace is deleted again.
    /// </summary>
    public static Task CreateAsync(string name, Action<NetlinkSocket, NetlinkSocket, int> configure)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Create(name, configure);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }, maxStackSize: 256 * 1024) { IsBackground = true, Name = "netns " + name };
        thread.Start();
        return done.Task;
    }

    static void Create(string name, Action<NetlinkSocket, NetlinkSocket, int> configure)
    {
        var path = PathOf(name);
        var file = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
        if (file < 0) throw Error($"creating {path}", Marshal.GetLastPInvokeError());
        close(file);
        var hostNs = -1;
        var mounted = false;
        try
        {
            hostNs = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC, 0);
            Check(hostNs, "opening the host's network namespace");
            using var host = new NetlinkSocket();
            Check(unshare(CLONE_NEWNET), "unshare(CLONE_NEWNET)");
            try
            {
                Check(mount("/proc/thread-self/ns/net", path, "none", MS_BIND, null), $"mounting the namespace on {path}");
                mounted = true;
                var podNs = open(path, O_RDONLY | O_CLOEXEC, 0);
                Check(podNs, $"opening {path}");
                try
                {
                    using var inside = new NetlinkSocket();
                    configure(host, inside, podNs);
                }
                finally
                {
                    close(podNs);
                }
            }
            finally
            {
                // Back to the host before anything else runs on this thread (it ends right after, either way).
                Check(setns(hostNs, CLONE_NEWNET), "returning to the host's network namespace");
            }
        }
        catch
        {
            if (mounted) umount2(path, MNT_DETACH);
            unlink(path);
            throw;
        }
        finally
        {
            if (hostNs >= 0) close(hostNs);
        }
    }

    /// <summary><c>ip netns del</c>: detaches the mount and removes the file; false when there was none.</summary>
    public static bool Delete(string name)
    {
        var path = PathOf(name);
        umount2(path, MNT_DETACH);
        if (unlink(path) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        return errno == ENOENT ? false : throw Error($"removing {path}", errno);
    }

    static void Check(int result, string what)
    {
        if (result < 0) throw Error(what, Marshal.GetLastPInvokeError());
    }

    static IOException Error(string what, int errno) =>
        new($"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);

    [DllImport("libc", SetLastError = true)]
    static extern int unshare(int flags);

    [DllImport("libc", SetLastError = true)]
    static extern int setns(int fd, int nstype);

    [DllImport("libc", SetLastError = true)]
    static extern int mount(string source, string target, string? fstype, ulong flags, string? data);

    [DllImport("libc", SetLastError = true)]
    static extern int umount2(string target, int flags);

    [DllImport("libc", SetLastError = true)]
    static extern int open(string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    static extern int unlink(string path);
}
