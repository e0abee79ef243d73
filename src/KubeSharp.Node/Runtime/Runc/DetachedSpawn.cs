using System.Collections;
using System.Runtime.InteropServices;

namespace KubeSharp.Node.Runtime.Runc;

/// <summary>
/// Starts a program with one extra descriptor as its fd 3, which <see cref="System.Diagnostics.Process"/> cannot do:
/// <c>posix_spawn</c> duplicates it in the child only, so the descriptor stays close-on-exec in the agent and no
/// other child started meanwhile inherits it. stdio is <c>/dev/null</c>; signal dispositions and mask are reset,
/// since the runtime ignores SIGPIPE and containers must not inherit that.
/// </summary>
internal static unsafe class DetachedSpawn
{
    private const string Lib = "libc";
    private const short POSIX_SPAWN_SETSIGDEF = 0x04;
    private const short POSIX_SPAWN_SETSIGMASK = 0x08;
    private const int O_RDONLY = 0, O_WRONLY = 1;
    private const int EINTR = 4;

    /// <summary>Runs <paramref name="path"/> to completion (it is expected to detach, as <c>setsid -f</c> does); returns its exit code.</summary>
    public static int Run(string path, IReadOnlyList<string> args, int fd3)
    {
        // Opaque glibc structures, sized generously (80, 336 and 128 bytes on x86-64).
        var actions = stackalloc byte[256];
        var attributes = stackalloc byte[512];
        var signals = stackalloc byte[256];
        var strings = new List<nint>();
        Check(posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        Check(posix_spawnattr_init(attributes), "posix_spawnattr_init");
        try
        {
            Check(posix_spawn_file_actions_addopen(actions, 0, "/dev/null", O_RDONLY, 0), "addopen");
            Check(posix_spawn_file_actions_addopen(actions, 1, "/dev/null", O_WRONLY, 0), "addopen");
            Check(posix_spawn_file_actions_adddup2(actions, 1, 2), "adddup2");
            Check(posix_spawn_file_actions_adddup2(actions, fd3, 3), "adddup2");
            sigfillset(signals);
            Check(posix_spawnattr_setsigdefault(attributes, signals), "setsigdefault");
            sigemptyset(signals);
            Check(posix_spawnattr_setsigmask(attributes, signals), "setsigmask");
            Check(posix_spawnattr_setflags(attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK), "setflags");

            var argv = NullTerminated(new[] { path }.Concat(args).ToList(), strings);
            var envp = NullTerminated(Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
                .Select(e => $"{e.Key}={e.Value}").ToList(), strings);
            fixed (nint* argvPointer = argv)
            fixed (nint* envpPointer = envp)
            {
                int pid;
                var error = posix_spawn(&pid, path, actions, attributes, argvPointer, envpPointer);
                if (error != 0)
                    throw new IOException($"posix_spawn {path}: {Marshal.GetPInvokeErrorMessage(error)}", error);
                return WaitForExit(pid);
            }
        }
        finally
        {
            posix_spawn_file_actions_destroy(actions);
            posix_spawnattr_destroy(attributes);
            foreach (var s in strings)
                Marshal.FreeCoTaskMem(s);
        }
    }

    private static int WaitForExit(int pid)
    {
        // The runtime reaps only the children it started itself, so this one is ours to wait for.
        int status;
        while (waitpid(pid, &status, 0) < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (error != EINTR)
                throw new IOException($"waitpid {pid}: {Marshal.GetPInvokeErrorMessage(error)}", error);
        }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
    }

    private static nint[] NullTerminated(List<string> values, List<nint> allocated)
    {
        var result = new nint[values.Count + 1];
        for (var i = 0; i < values.Count; i++)
        {
            result[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
            allocated.Add(result[i]);
        }
        return result;
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
            throw new IOException($"{what}: {Marshal.GetPInvokeErrorMessage(error)}", error);
    }

    [DllImport(Lib)]
    private static extern int posix_spawn(int* pid, string path, void* fileActions, void* attributes, nint* argv, nint* envp);

    [DllImport(Lib)]
    private static extern int posix_spawn_file_actions_init(void* actions);

    [DllImport(Lib)]
    private static extern int posix_spawn_file_actions_destroy(void* actions);

    [DllImport(Lib)]
    private static extern int posix_spawn_file_actions_addopen(void* actions, int fd, string path, int flags, int mode);

    [DllImport(Lib)]
    private static extern int posix_spawn_file_actions_adddup2(void* actions, int fd, int newFd);

    [DllImport(Lib)]
    private static extern int posix_spawnattr_init(void* attributes);

    [DllImport(Lib)]
    private static extern int posix_spawnattr_destroy(void* attributes);

    [DllImport(Lib)]
    private static extern int posix_spawnattr_setflags(void* attributes, short flags);

    [DllImport(Lib)]
    private static extern int posix_spawnattr_setsigdefault(void* attributes, void* signals);

    [DllImport(Lib)]
    private static extern int posix_spawnattr_setsigmask(void* attributes, void* signals);

    [DllImport(Lib)]
    private static extern int sigfillset(void* signals);

    [DllImport(Lib)]
    private static extern int sigemptyset(void* signals);

    [DllImport(Lib, SetLastError = true)]
    private static extern int waitpid(int pid, int* status, int options);
}
