namespace KubeSharp.Node.Runtime.Runc;

/// <summary>
/// Where everything lives under the runtime's root directory. Per container:
/// <c>container.json</c> (what was asked), <c>config.json</c> + <c>rootfs/</c> (the OCI bundle; rootfs is an overlay
/// of the image layers with <c>upper/</c> and <c>work/</c>), <c>stdout.fifo</c>/<c>stderr.fifo</c>, and the files the
/// shim leaves: <c>pid</c> (written by runc once the process exists), <c>exit</c> (exit status), <c>oom</c>
/// (the memory cgroup's oom_control at exit) and <c>runc.log</c>.
/// </summary>
internal sealed class RuntimeLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string RuncRoot => Path.Combine(Root, "runc");
    public string ShimScript => Path.Combine(Root, "shim.sh");
    public string SandboxesDirectory => Path.Combine(Root, "sandboxes");
    public string ContainersDirectory => Path.Combine(Root, "containers");

    public string Sandbox(string id) => Path.Combine(SandboxesDirectory, id);
    public string SandboxRecord(string id) => Path.Combine(Sandbox(id), "sandbox.json");

    public string Container(string id) => Path.Combine(ContainersDirectory, id);
    public string ContainerRecord(string id) => Path.Combine(Container(id), "container.json");
    public string Rootfs(string id) => Path.Combine(Container(id), "rootfs");
    public string Upper(string id) => Path.Combine(Container(id), "upper");
    public string Work(string id) => Path.Combine(Container(id), "work");
    public string PidFile(string id) => Path.Combine(Container(id), "pid");
    public string ExitFile(string id) => Path.Combine(Container(id), "exit");
    public string OomFile(string id) => Path.Combine(Container(id), "oom");
    public string ShimPidFile(string id) => Path.Combine(Container(id), "shim.pid");
    public string RuncLog(string id) => Path.Combine(Container(id), "runc.log");
    public string StdoutFifo(string id) => Path.Combine(Container(id), "stdout.fifo");
    public string StderrFifo(string id) => Path.Combine(Container(id), "stderr.fifo");
    public string StdinFifo(string id) => Path.Combine(Container(id), "stdin.fifo");
    public string StdinReleaseFifo(string id) => Path.Combine(Container(id), "stdin.release");
    public string TerminalFile(string id) => Path.Combine(Container(id), "tty");

    public void EnsureCreated()
    {
        Directory.CreateDirectory(RuncRoot);
        Directory.CreateDirectory(SandboxesDirectory);
        Directory.CreateDirectory(ContainersDirectory);
    }
}
