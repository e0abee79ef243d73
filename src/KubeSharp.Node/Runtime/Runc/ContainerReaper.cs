using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace KubeSharp.Node.Runtime.Runc;

/// <summary>
/// The per-container monitor that replaces a foreground <c>runc run</c> (a Go process that would stay resident for the
/// container's whole life, about 2.5 MiB of private memory each). The reaper marks itself a child subreaper, runs
/// <c>runc run -d</c>, and so inherits the container's init process once runc exits; it then waits for that process
/// and exits with its status (128+signal when killed), as the foreground runc did. It is the role of containerd's
/// shim or CRI-O's conmon, in a few dozen lines of C (about 100 KiB resident).
///
/// No C compiler can be shipped in a .NET package, so the reaper is compiled on the node from the source below into
/// the runtime root, once per source version; without a compiler the waiter keeps runc in the foreground.
/// </summary>
internal static class ContainerReaper
{
    const string Source = """
        /* kubesharp container reaper (see ContainerReaper.cs).
         *   reaper PIDFILE RUNC ARGS...                       run RUNC ARGS, then wait for the process in PIDFILE
         *   reaper --waiter DIR OOM_CONTROL STDIN RUNC ARGS...  the whole waiter: stdio from DIR's FIFOs (STDIN is
         *       none or open), shim.pid, then after the container the files oom (a copy of OOM_CONTROL) and exit */
        #define _GNU_SOURCE
        #include <errno.h>
        #include <fcntl.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <sys/prctl.h>
        #include <sys/wait.h>
        #include <unistd.h>

        static int status_code(int status) {
            if (WIFEXITED(status)) return WEXITSTATUS(status);
            if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
            return 255;
        }

        static int run(const char *pidfile, char **command) {
            if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) return 125;
            pid_t runc = fork();
            if (runc < 0) return 125;
            if (runc == 0) { execv(command[0], command); _exit(127); }
            int status;
            while (waitpid(runc, &status, 0) < 0) if (errno != EINTR) return 125;
            if (status_code(status) != 0) return status_code(status);
            FILE *f = fopen(pidfile, "r");
            long container = 0;
            if (f == NULL || fscanf(f, "%ld", &container) != 1 || container <= 0) return 125;
            fclose(f);
            for (;;) {
                pid_t pid = wait(&status);
                if (pid == (pid_t)container) return status_code(status);
                if (pid < 0 && errno != EINTR) return 125;
            }
        }

        static void redirect(const char *path, int flags, int target) {
            int fd = open(path, flags | O_CLOEXEC);
            if (fd < 0 || dup2(fd, target) < 0) _exit(1);
            close(fd);
        }

        /* Writes via a temporary file and a rename, so the agent never reads half a file. */
        static void publish(const char *name, const char *text, size_t length) {
            char temp[64];
            snprintf(temp, sizeof temp, "%s.tmp", name);
            int fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
            if (fd < 0) return;
            if (write(fd, text, length) == (ssize_t)length) { close(fd); rename(temp, name); } else close(fd);
        }

        int main(int argc, char **argv) {
            if (argc >= 7 && strcmp(argv[1], "--waiter") == 0) {
                if (chdir(argv[2]) != 0) return 1;
                redirect(strcmp(argv[4], "open") == 0 ? "stdin.fifo" : "/dev/null", O_RDWR, 0);
                redirect("stdout.fifo", O_RDWR, 1);
                redirect("stderr.fifo", O_RDWR, 2);
                char text[4096];
                int length = snprintf(text, sizeof text, "%d\n", (int)getpid());
                publish("shim.pid", text, (size_t)length);
                int code = run("pid", argv + 5);
                int oom = open(argv[3], O_RDONLY | O_CLOEXEC);
                ssize_t n = oom < 0 ? -1 : read(oom, text, sizeof text);
                if (n >= 0) publish("oom", text, (size_t)n);
                if (oom >= 0) close(oom);
                length = snprintf(text, sizeof text, "%d\n", code);
                publish("exit", text, (size_t)length);
                return 0;
            }
            if (argc < 3) return 2;
            return run(argv[1], argv + 2);
        }

        """;

    /// <summary>The compiled reaper's path, or null when this node cannot build it.</summary>
    public static async Task<string?> EnsureAsync(RuntimeLayout layout, string compilerPath, CancellationToken cancellationToken)
    {
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Source)))[..12];
        var binary = Path.Combine(layout.Root, "reaper-" + version);
        if (File.Exists(binary)) return binary;
        if (!File.Exists(compilerPath)) return null;
        var source = binary + ".c";
        var temp = binary + ".tmp";
        await File.WriteAllTextAsync(source, Source, cancellationToken);
        try
        {
            // Static when the C library allows it: the reaper then maps almost nothing but itself.
            if (await CompileAsync(compilerPath, source, temp, ["-static"], cancellationToken) ||
                await CompileAsync(compilerPath, source, temp, [], cancellationToken))
            {
                File.Move(temp, binary, overwrite: true);
                return binary;
            }
            return null;
        }
        finally
        {
            File.Delete(source);
            File.Delete(temp);
        }
    }

    static async Task<bool> CompileAsync(string compiler, string source, string output, string[] extra, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(compiler) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-O2", "-o", output, source }.Concat(extra)) info.ArgumentList.Add(arg);
        using var process = Process.Start(info);
        if (process is null) return false;
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(cancellationToken), process.StandardError.ReadToEndAsync(cancellationToken));
        await process.WaitForExitAsync(cancellationToken);
        await drain;
        return process.ExitCode == 0;
    }
}
