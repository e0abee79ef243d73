using System.Globalization;

namespace KubeSharp.Bench.Controllers;

/// <summary>Command line of <c>kubesharp-bench workloads</c>.</summary>
public sealed record WorkloadBenchOptions
{
    public required Uri? Server { get; init; }
    public required string Kubeconfig { get; init; }
    public int Replicas { get; init; } = 1000;
    public double ChurnRate { get; init; } = 500;
    public TimeSpan ChurnDuration { get; init; } = TimeSpan.FromSeconds(30);
    public int ChurnDeployments { get; init; } = 5;
    public int ChurnReplicas { get; init; } = 100;
    public int SchedulerPods { get; init; } = 5000;
    public int Workers { get; init; } = 32;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);
    public IReadOnlySet<string> Phases { get; init; } = AllPhases;
    public string? MarkdownPath { get; init; }

    public static readonly IReadOnlySet<string> AllPhases = new HashSet<string> { "deployment", "churn", "scheduler" };

    public const string Usage = """
        usage: kubesharp-bench workloads --kubeconfig PATH [--server URL] [--replicas N] [--churn-rate R] [--churn-seconds S]
                                         [--churn-deployments N] [--churn-replicas N] [--scheduler-pods N] [--workers N]
                                         [--timeout S] [--phases deployment,churn,scheduler] [--markdown PATH]
          The server must run simulated nodes (kubesharp server --simulated-nodes N): every pod selects type=kwok.
          --replicas N           replicas of the Deployment created and rolled (default 1000)
          --churn-rate R         pod readiness changes per second in the churn phase (default 500)
          --churn-seconds S      length of the churn phase (default 30)
          --churn-deployments N  Deployments whose pods are churned (default 5) ...
          --churn-replicas N     ... with N replicas each (default 100)
          --scheduler-pods N     bare pods created for the scheduler phase (default 5000)
          --workers N            concurrent creates in the scheduler phase (default 32)
          --timeout S            seconds any one wait may take before the phase fails (default 120)
          --phases LIST          which phases to run (default all three)
          --markdown PATH        also write the results table to PATH
        """;

    public static WorkloadBenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new WorkloadBenchOptions { Server = null, Kubeconfig = "" };
        string? kubeconfig = null;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--server" => o with { Server = new Uri(Value()) },
                "--kubeconfig" => o with { Kubeconfig = kubeconfig = Value() },
                "--replicas" => o with { Replicas = Int(Value(), "--replicas") },
                "--churn-rate" => o with { ChurnRate = Positive(Value(), "--churn-rate") },
                "--churn-seconds" => o with { ChurnDuration = TimeSpan.FromSeconds(Positive(Value(), "--churn-seconds")) },
                "--churn-deployments" => o with { ChurnDeployments = Int(Value(), "--churn-deployments") },
                "--churn-replicas" => o with { ChurnReplicas = Int(Value(), "--churn-replicas") },
                "--scheduler-pods" => o with { SchedulerPods = Int(Value(), "--scheduler-pods") },
                "--workers" => o with { Workers = Int(Value(), "--workers") },
                "--timeout" => o with { Timeout = TimeSpan.FromSeconds(Positive(Value(), "--timeout")) },
                "--phases" => o with { Phases = PhaseList(Value()) },
                "--markdown" => o with { MarkdownPath = Value() },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
        }
        kubeconfig ??= Environment.GetEnvironmentVariable("KUBECONFIG") ?? throw new ArgumentException("--kubeconfig is required");
        return o with { Kubeconfig = kubeconfig };
    }

    static IReadOnlySet<string> PhaseList(string text)
    {
        var phases = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (phases.Count == 0 || !phases.IsSubsetOf(AllPhases))
            throw new ArgumentException($"--phases takes a comma-separated subset of {string.Join(",", AllPhases)}");
        return phases;
    }

    static int Int(string text, string flag) =>
        int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{flag} must be a positive integer");

    static double Positive(string text, string flag) =>
        double.TryParse(text, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{flag} must be a positive number");
}
