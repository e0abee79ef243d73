using System.Text;

namespace KubeSharp.Scheduler.Framework;

/// <summary>Why no node fitted: each rejected node's status, the plugins that rejected, and the PreFilter/PostFilter messages.</summary>
public sealed class Diagnosis
{
    public Dictionary<string, Status> NodeToStatus { get; } = new(StringComparer.Ordinal);
    public HashSet<string> UnschedulablePlugins { get; } = new(StringComparer.Ordinal);
    public string? PreFilterMessage { get; set; }
    public string? PostFilterMessage { get; set; }
}

/// <summary>A pod that fits no node, with upstream's message: "0/N nodes are available: &lt;reasons&gt;. &lt;postfilter&gt;".</summary>
public sealed class FitError(int numAllNodes, Diagnosis diagnosis)
{
    public int NumAllNodes => numAllNodes;
    public Diagnosis Diagnosis => diagnosis;

    public string Message => Format(numAllNodes, diagnosis);

    public override string ToString() => Message;

    static string Format(int numAllNodes, Diagnosis d)
    {
        var sb = new StringBuilder().Append("0/").Append(numAllNodes).Append(" nodes are available:");
        if (!string.IsNullOrEmpty(d.PreFilterMessage))
            sb.Append(' ').Append(d.PreFilterMessage).Append('.');
        else if (Histogram(d.NodeToStatus.Values.SelectMany(s => s.Reasons)) is { Length: > 0 } reasons)
            sb.Append(' ').Append(reasons).Append('.');
        if (!string.IsNullOrEmpty(d.PostFilterMessage))
            sb.Append(' ').Append(d.PostFilterMessage);
        return sb.ToString();
    }

    /// <summary>"&lt;count&gt; &lt;reason&gt;" for each distinct reason, sorted as strings (counts included), comma-separated.</summary>
    public static string Histogram(IEnumerable<string> reasons) =>
        string.Join(", ", reasons
            .GroupBy(r => r, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}")
            .Order(StringComparer.Ordinal));
}
