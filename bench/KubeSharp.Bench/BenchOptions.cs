namespace KubeSharp.Bench;

/// <summary>Command line of the bench: where the server is and how hard to push it.</summary>
public sealed record BenchOptions
{
    public required Uri? Server { get; init; }
    public required string Kubeconfig { get; init; }
    public required BenchScale Scale { get; init; }
    public int Workers { get; init; } = 8;
    public bool Http11 { get; init; }
    /// <summary>Creates per second of the single writer in the watch workload.</summary>
    public int WatchRate { get; init; } = 100;
    public string? MarkdownPath { get; init; }
    public bool Cleanup { get; init; }

    public const string Usage = """
        usage: kubesharp-bench --kubeconfig PATH [--server URL] [--scale full|small] [--workers N]
                               [--watch-rate N] [--http1.1] [--markdown PATH] [--cleanup]
          --kubeconfig PATH  admin kubeconfig of the server (CA, client certificate and key as *-data)
          --server URL       overrides the kubeconfig's server (default: the kubeconfig's)
          --scale small      1/10 of every count, for a quick run (default: full)
          --workers N        concurrent workers for create/get/update (default 8)
          --watch-rate N     creates per second during the watch workload (default 100)
          --http1.1          HTTP/1.1 instead of HTTP/2
          --markdown PATH    also write the results table to PATH
          --cleanup          delete the bench namespaces at the end
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        Uri? server = null;
        string? kubeconfig = null;
        var scale = BenchScale.Full;
        int workers = 8, watchRate = 100;
        bool http11 = false, cleanup = false;
        string? markdown = null;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--server": server = new Uri(Value()); break;
                case "--kubeconfig": kubeconfig = Value(); break;
                case "--scale": scale = BenchScale.Named(Value()); break;
                case "--workers": workers = PositiveInt(Value(), "--workers"); break;
                case "--watch-rate": watchRate = PositiveInt(Value(), "--watch-rate"); break;
                case "--http1.1" or "--http1": http11 = true; break;
                case "--markdown": markdown = Value(); break;
                case "--cleanup": cleanup = true; break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        kubeconfig ??= Environment.GetEnvironmentVariable("KUBECONFIG") ?? throw new ArgumentException("--kubeconfig is required");
        return new BenchOptions
        {
            Server = server, Kubeconfig = kubeconfig, Scale = scale, Workers = workers, WatchRate = watchRate,
            Http11 = http11, MarkdownPath = markdown, Cleanup = cleanup,
        };
    }

    static int PositiveInt(string text, string flag) =>
        int.TryParse(text, out var n) && n > 0 ? n : throw new ArgumentException($"{flag} must be a positive integer");
}
