using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace KubeSharp.Node.Kubelet.NodeStatus;

/// <summary>What the machine is: capacity and identity, as the kubelet reads them from /proc and the OS.</summary>
public sealed record NodeFacts(
    int Cpus,
    long MemoryBytes,
    long EphemeralStorageBytes,
    string KernelVersion,
    string OsImage,
    string MachineId,
    string BootId,
    string HostIp)
{
    public static NodeFacts Read(string dataDirectory, string? nodeIp)
    {
        var drive = new DriveInfo(Path.GetPathRoot(Path.GetFullPath(dataDirectory)) ?? "/");
        long storage;
        try { storage = new DriveInfo(FindMountRoot(dataDirectory)).TotalSize; }
        catch (IOException) { storage = drive.TotalSize; }
        return new NodeFacts(
            Environment.ProcessorCount,
            MemTotal(),
            storage,
            ReadTrimmed("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.Version.ToString(),
            OsPrettyName(),
            ReadTrimmed("/etc/machine-id") ?? "",
            ReadTrimmed("/proc/sys/kernel/random/boot_id") ?? "",
            nodeIp ?? DetectHostIp());
    }

    static string FindMountRoot(string directory)
    {
        var dir = Path.GetFullPath(directory);
        while (!Directory.Exists(dir)) dir = Path.GetDirectoryName(dir) ?? "/";
        return dir;
    }

    static long MemTotal()
    {
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal)) continue;
            var kb = line["MemTotal:".Length..].Trim().Split(' ')[0];
            return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }
        return 0;
    }

    static string OsPrettyName()
    {
        if (!File.Exists("/etc/os-release")) return "Linux";
        foreach (var line in File.ReadLines("/etc/os-release"))
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)) return line["PRETTY_NAME=".Length..].Trim('"');
        return "Linux";
    }

    static string? ReadTrimmed(string path)
    {
        try { return File.ReadAllText(path).Trim(); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>The address of the interface holding the default route; a connected UDP socket sends nothing.</summary>
    public static string DetectHostIp()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(new IPEndPoint(IPAddress.Parse("203.0.113.1"), 53));
            if (socket.LocalEndPoint is IPEndPoint { Address: var a } && !IPAddress.IsLoopback(a) && !a.Equals(IPAddress.Any)) return a.ToString();
        }
        catch (SocketException) { }
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
            foreach (var address in nic.GetIPProperties().UnicastAddresses)
                if (address.Address.AddressFamily == AddressFamily.InterNetwork) return address.Address.ToString();
        }
        return "127.0.0.1";
    }
}
