namespace KubeSharp.Cli;

/// <summary>The verbs of the one binary, as k3s has them: <c>server</c> (and later <c>agent</c>, <c>images</c>).</summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 1 : 0;
        }
        try
        {
            return args[0] switch
            {
                "server" => await ServerCommand.RunAsync(Flags.Parse(args[1..])),
                "images" => await ImagesCommand.RunAsync(args[1..]),
                "bench-scheduler" => await BenchSchedulerCommand.RunAsync(Flags.Parse(args[1..])),
                "version" or "--version" => PrintVersion(),
                _ => Fail($"unknown command \"{args[0]}\"\n\n{Usage}"),
            };
        }
        catch (FlagException e)
        {
            return Fail(e.Message);
        }
    }

    static int PrintVersion()
    {
        Console.WriteLine("kubesharp version v0.1.0 (Kubernetes API v1.32)");
        return 0;
    }

    static int Fail(string message)
    {
        Console.Error.WriteLine($"kubesharp: {message}");
        return 2;
    }

    const string Usage = """
        kubesharp — a Kubernetes-compatible cluster in one program

        Usage:
          kubesharp server [flags]     run the control plane and a node agent
          kubesharp images import FILE [--data-dir DIR]
                                       add a docker-save or OCI image tarball to the node's image store
          kubesharp version

        Server flags:
          --data-dir DIR               state, certificates and kubeconfig (default /var/lib/kubesharp as root, else ~/.kubesharp)
          --https-listen-port N        HTTPS port of the API server (default 6443)
          --bind-address ADDR          address to listen on (default 0.0.0.0)
          --write-kubeconfig PATH      where to write the admin kubeconfig (default DIR/kubeconfig.yaml)
          --token-auth-file PATH       static bearer tokens: token,user,uid,"group1,group2"
          --service-cidr CIDR          cluster IP range (default 10.43.0.0/16)
          --simulated-nodes N          register N simulated (kwok-style) nodes that run pods on paper (default 0)
          --node-name NAME             name of this machine's node (default: the host name)
          --node-ip ADDR               InternalIP of the node (default: the address of the default route)
          --disable-agent              run the control plane only, without a node agent
          --cluster-cidr CIDR          this node's pod range (default 10.42.0.0/24, another /24 of 10.42.0.0/16 per data dir)
          --cleanup-on-exit            on exit, remove every pod, mount, link and cgroup of the agent (containers
                                       otherwise keep running and are adopted by the next start)
        """;
}

public sealed class FlagException(string message) : Exception(message);

/// <summary>"--name value" and "--name=value" flags.</summary>
public sealed class Flags
{
    readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Flags Parse(string[] args)
    {
        var flags = new Flags();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal)) throw new FlagException($"unexpected argument \"{a}\"");
            var eq = a.IndexOf('=');
            if (eq > 0) flags._values[a[2..eq]] = a[(eq + 1)..];
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) flags._values[a[2..]] = args[++i];
            else flags._values[a[2..]] = "true";
        }
        return flags;
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public int GetInt(string name, int fallback)
    {
        var v = Get(name);
        if (v is null) return fallback;
        return int.TryParse(v, out var n) ? n : throw new FlagException($"--{name} must be a number, got \"{v}\"");
    }

    public IEnumerable<string> Names => _values.Keys;
}
