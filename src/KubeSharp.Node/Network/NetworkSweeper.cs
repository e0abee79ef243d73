using KubeSharp.Node.Runtime.Native;
namespace KubeSharp.Node.Network;

/// <summary>Removes every host-level network object an instance prefix owns: leftovers of a crashed or finished run.</summary>
public sealed class NetworkSweeper(IpCommand? ip = null)
{
    private readonly IpCommand _ip = ip ?? new IpCommand();

    public static string RuleComment(string prefix) => "kubesharp:" + prefix;

    public async Task SweepAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = NetworkNames.For(prefix);
        var commands = new List<string>();
        if (Directory.Exists("/var/run/netns"))
        {
            foreach (var path in Directory.EnumerateFiles("/var/run/netns", names.NetnsPrefix + "*"))
                commands.Add($"netns del {Path.GetFileName(path)}");
        }
        foreach (var path in Directory.EnumerateFileSystemEntries("/sys/class/net"))
        {
            var link = Path.GetFileName(path);
            if (names.IsOwnedLink(link))
                commands.Add($"link del {link}");
        }
        if (commands.Count > 0)
            await _ip.BatchAsync(commands, netns: null, force: true, cancellationToken);
        await SweepIptablesAsync(prefix, cancellationToken);
    }

    private static async Task SweepIptablesAsync(string prefix, CancellationToken cancellationToken)
    {
        CommandResult list;
        try
        {
            list = await ProcessRunner.RunAsync("iptables", ["-w", "-t", "nat", "-S", "POSTROUTING"], null, cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return; // no iptables on this host: nothing of ours can be there
        }
        if (list.ExitCode != 0)
            return;
        var marker = $"--comment {RuleComment(prefix)} ";
        foreach (var line in list.StandardOutput.Split('\n'))
        {
            if (!line.StartsWith("-A ", StringComparison.Ordinal) || !(line + " ").Contains(marker, StringComparison.Ordinal))
                continue;
            // iptables -S prints rules in the syntax -D accepts, and none of our rule's words contain spaces.
            var words = line[3..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            await ProcessRunner.RunAsync("iptables", ["-w", "-t", "nat", "-D", .. words], null, cancellationToken);
        }
    }
}
