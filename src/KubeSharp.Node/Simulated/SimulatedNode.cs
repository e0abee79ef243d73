using System.Globalization;

namespace KubeSharp.Node.Simulated;

/// <summary>
/// One simulated node: its name, host IP and pod range. Node i gets the i-th /24 counted from
/// 10.244.0.0 (past the 256th the ranges continue into 10.245.0.0 and on) and hands out .2–.254.
/// </summary>
public sealed class SimulatedNode
{
    readonly Lock _lock = new();
    readonly Dictionary<string, int> _byPod = new(StringComparer.Ordinal);
    readonly HashSet<int> _used = [];
    int _next = 2;

    public SimulatedNode(string name, int index)
    {
        Name = name;
        Index = index;
        var (second, third) = (244 + index / 256, index % 256);
        PodPrefix = $"10.{second}.{third}.";
        PodCidr = PodPrefix + "0/24";
        HostIp = string.Create(CultureInfo.InvariantCulture, $"172.18.{index / 250}.{index % 250 + 2}");
    }

    public string Name { get; }
    public int Index { get; }
    public string HostIp { get; }
    public string PodCidr { get; }
    string PodPrefix { get; }

    /// <summary>The pod's address: the one it already has, else the next free one (null when the range is exhausted).</summary>
    public string? AllocateIp(string podUid)
    {
        lock (_lock)
        {
            if (_byPod.TryGetValue(podUid, out var known)) return PodPrefix + known;
            for (var tries = 0; tries < 253; tries++)
            {
                var candidate = _next;
                _next = _next >= 254 ? 2 : _next + 1;
                if (_used.Add(candidate))
                {
                    _byPod[podUid] = candidate;
                    return PodPrefix + candidate;
                }
            }
            return null;
        }
    }

    /// <summary>Records an address a pod already holds (after a restart), so it is not handed out twice.</summary>
    public void Reserve(string podUid, string ip)
    {
        if (!ip.StartsWith(PodPrefix, StringComparison.Ordinal) || !int.TryParse(ip.AsSpan(PodPrefix.Length), out var host)) return;
        lock (_lock)
            if (_used.Add(host)) _byPod[podUid] = host;
    }

    public void Release(string podUid)
    {
        lock (_lock)
            if (_byPod.Remove(podUid, out var host)) _used.Remove(host);
    }
}
