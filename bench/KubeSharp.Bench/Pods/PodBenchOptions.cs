namespace KubeSharp.Bench.Pods;

/// <summary>Command line of <c>kubesharp-bench pods</c>: where the server is and how many pods at what rate.</summary>
public sealed record PodBenchOptions
{
    public required Uri? Server { get; init; }
    public required string Kubeconfig { get; init; }
    public int Count { get; init; } = 100;
    public double Rate { get; init; } = 10;
    public int Burst { get; init; } = 100;
    public string Image { get; init; } = "busybox";
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
    public string? MarkdownPath { get; init; }
    /// <summary>The server's log, for the agent's per-pod phase trace (<c>KUBESHARP_POD_TRACE=1</c>).</summary>
    public string? TraceLog { get; init; }
    /// <summary>Seconds to hold every burst pod Running before clean-up, so the caller can read memory use.</summary>
    public double Hold { get; init; }
    /// <summary>A file touched once the burst pods are all Running (and removed when the hold ends).</summary>
    public string? HoldSignal { get; init; }

    public const string Usage = """
        usage: kubesharp-bench pods --kubeconfig PATH [--server URL] [--count N] [--rate R] [--burst N] [--image IMAGE]
                                    [--timeout S] [--markdown PATH] [--trace-log PATH] [--hold S] [--hold-signal PATH]
          --count N          pods of the steady phase (default 100)
          --rate R           creates per second in the steady phase (default 10)
          --burst N          pods created at once in the burst phase (default 100; 0 skips it)
          --image IMAGE      container image, which must be on the node (imagePullPolicy IfNotPresent; default busybox)
          --timeout S        seconds each phase may take before it counts as failed (default 60)
          --markdown PATH    also write the results tables to PATH
          --trace-log PATH   server log holding the agent's "pod start trace" lines, for the phase breakdown
          --hold S           keep the burst pods Running S seconds before deleting them (default 0)
          --hold-signal PATH create PATH while holding, delete it after
        """;

    public static PodBenchOptions Parse(IReadOnlyList<string> args)
    {
        Uri? server = null;
        string? kubeconfig = null, markdown = null, traceLog = null, holdSignal = null, image = null;
        int count = 100, burst = 100;
        double rate = 10, timeout = 60, hold = 0;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--server": server = new Uri(Value()); break;
                case "--kubeconfig": kubeconfig = Value(); break;
                case "--count": count = Int(Value(), "--count", min: 1); break;
                case "--rate": rate = Positive(Value(), "--rate"); break;
                case "--burst": burst = Int(Value(), "--burst", min: 0); break;
                case "--image": image = Value(); break;
                case "--timeout": timeout = Positive(Value(), "--timeout"); break;
                case "--markdown": markdown = Value(); break;
                case "--trace-log": traceLog = Value(); break;
                case "--hold": hold = Positive(Value(), "--hold"); break;
                case "--hold-signal": holdSignal = Value(); break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        kubeconfig ??= Environment.GetEnvironmentVariable("KUBECONFIG") ?? throw new ArgumentException("--kubeconfig is required");
        return new PodBenchOptions
        {
            Server = server, Kubeconfig = kubeconfig, Count = count, Rate = rate, Burst = burst, Image = image ?? "busybox",
            Timeout = TimeSpan.FromSeconds(timeout), MarkdownPath = markdown, TraceLog = traceLog, Hold = hold, HoldSignal = holdSignal,
        };
    }

    static int Int(string text, string flag, int min) =>
        int.TryParse(text, out var n) && n >= min ? n : throw new ArgumentException($"{flag} must be an integer ≥ {min}");

    static double Positive(string text, string flag) =>
        double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{flag} must be a positive number");
}
