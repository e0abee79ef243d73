using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Simulated;

static partial class SimulatedNodeLog
{
    [LoggerMessage(1, LogLevel.Information, "registered {Count} simulated nodes ({First} … {Last})")]
    public static partial void Registered(this ILogger logger, int count, string first, string last);

    [LoggerMessage(2, LogLevel.Warning, "renewing the lease of simulated node {Node} failed")]
    public static partial void LeaseFailed(this ILogger logger, string node, Exception error);

    [LoggerMessage(3, LogLevel.Warning, "simulated node {Node} has no pod address left for {Pod}")]
    public static partial void NoAddress(this ILogger logger, string node, string pod);
}
