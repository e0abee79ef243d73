namespace KubeSharp.Node.Simulated;

/// <summary>Annotations that script what a pod does on a simulated node.</summary>
public static class SimulatedAnnotations
{
    /// <summary>The exit code the pod's containers end with (pods with restartPolicy Never or OnFailure only).</summary>
    public const string ExitCode = "kubesharp.io/simulated-exit-code";
    /// <summary>How long the pod runs before it exits, as a Go duration ("30s", "1m30s", "250ms"); 0s when absent.</summary>
    public const string Duration = "kubesharp.io/simulated-duration";
}
