namespace KubeSharp.Client.LeaderElection;

/// <summary>Which Lease to contend for, as whom, and client-go's timing (15 s lease, 10 s renew deadline, 2 s retry).</summary>
public sealed record LeaderElectionConfig
{
    public required string LeaseNamespace { get; init; }
    public required string LeaseName { get; init; }
    /// <summary>Unique per candidate, e.g. host name plus a random suffix.</summary>
    public required string Identity { get; init; }
    /// <summary>How long others wait, after last seeing the lease change, before taking it over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>How long the leader keeps trying to renew before giving leadership up.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Pause between attempts to acquire or renew.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Hand the lease back when cancelled, so a successor need not wait for it to expire.</summary>
    public bool ReleaseOnCancel { get; init; } = true;
}
