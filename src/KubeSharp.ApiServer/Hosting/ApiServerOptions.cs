namespace KubeSharp.ApiServer.Hosting;

/// <summary>Settings of one API server, with k3s's flag names.</summary>
public sealed record ApiServerOptions
{
    public required string DataDir { get; init; }
    public int HttpsPort { get; init; } = 6443;
    public string BindAddress { get; init; } = "0.0.0.0";
    public string? KubeconfigPath { get; init; }
    public string? TokenAuthFile { get; init; }
    public string ServiceCidr { get; init; } = "10.43.0.0/16";
    public string NodePortRange { get; init; } = "30000-32767";
    public TimeProvider Time { get; init; } = TimeProvider.System;
    /// <summary>The work queues of in-process controllers, served on <c>/metrics</c>; only process metrics when null.</summary>
    public Client.Queue.WorkQueueMetricsRegistry? QueueMetrics { get; init; }
}
