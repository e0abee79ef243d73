using System.Globalization;
using System.Text;

namespace KubeSharp.Node.Kubelet.Pods;

/// <summary>
/// Where a pod's start-up time goes, for <c>scripts/bench-pods.sh</c>: the wall-clock end of each phase of the first
/// start (the first mark of a name wins), written as one log line once the pod's status says Running. Only made when
/// <c>KUBESHARP_POD_TRACE=1</c>; otherwise the worker has none and pays nothing.
/// </summary>
internal sealed class PodStartTrace(TimeProvider time)
{
    public const string EnvironmentVariable = "KUBESHARP_POD_TRACE";

    readonly List<(string Phase, DateTimeOffset At)> _marks = [];

    public static bool Enabled => Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    public void Mark(string phase)
    {
        foreach (var (name, _) in _marks)
            if (name == phase) return;
        _marks.Add((phase, time.GetUtcNow()));
    }

    /// <summary><c>phase=UNIX_MS</c> pairs in the order they happened, what <c>kubesharp-bench pods --trace-log</c> parses.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (phase, at) in _marks)
        {
            var unixMs = (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerMillisecond;
            text.Append(text.Length == 0 ? "" : " ").Append(phase).Append('=').Append(unixMs.ToString("0.000", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
