using System.Globalization;
using System.Text.RegularExpressions;

namespace KubeSharp.Bench.Pods;

/// <summary>
/// The node agent's per-pod start trace, read back from the server's log: with <c>KUBESHARP_POD_TRACE=1</c> the
/// agent writes one line per started pod, <c>pod start trace NS/NAME: phase=UNIX_MS …</c>, stamped with the wall clock
/// at the end of each phase.
/// </summary>
public static partial class AgentTrace
{
    /// <summary>Phase stamps (Unix milliseconds) by pod key (<c>namespace/name</c>); the first line per pod wins.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<(string Phase, double UnixMs)>> Read(string path)
    {
        var result = new Dictionary<string, IReadOnlyList<(string, double)>>(StringComparer.Ordinal);
        if (!File.Exists(path)) return result;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var match = LinePattern().Match(line);
            if (!match.Success || result.ContainsKey(match.Groups[1].Value)) continue;
            var phases = new List<(string, double)>();
            foreach (Match pair in PairPattern().Matches(match.Groups[2].Value))
                phases.Add((pair.Groups[1].Value, double.Parse(pair.Groups[2].Value, CultureInfo.InvariantCulture)));
            result[match.Groups[1].Value] = phases;
        }
        return result;
    }

    [GeneratedRegex(@"pod start trace (\S+): (.*)$")]
    private static partial Regex LinePattern();

    [GeneratedRegex(@"([a-z-]+)=([0-9.]+)")]
    private static partial Regex PairPattern();
}
