using System.Diagnostics;

namespace KubeSharp.Bench.Pods;

/// <summary>The pods of one timed phase (steady or burst) and when the phase began.</summary>
public sealed record PodPhase(string Name, IReadOnlyList<PodTimeline> Pods, long Started)
{
    public bool AllRunning => Pods.All(p => p.Running is not null);

    /// <summary>Create sent → observed Running, per pod that got there.</summary>
    public long[] StartupTicks => Pods.Where(p => p.Running is not null).Select(p => p.Running!.Value - p.Sent).ToArray();

    /// <summary>Phase start → the last pod observed Running.</summary>
    public double AllRunningMs => AllRunning ? Ms(Pods.Max(p => p.Running!.Value) - Started) : double.NaN;

    public double LastAnsweredMs => Ms(Pods.Max(p => p.Answered) - Started);

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
