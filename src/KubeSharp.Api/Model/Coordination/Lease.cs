using System.ComponentModel;

namespace KubeSharp.Api.Model.Coordination;

[Kind("coordination.k8s.io", "v1", "Lease")]
[Description("A lock with a holder and an expiry, used for leader election and node heartbeats.")]
public sealed record Lease : KubernetesObject
{
    [Proto(2), Description("Who holds the lease and until when.")]
    public LeaseSpec? Spec { get; init; }
}

[Description("Holder and timing of a lease.")]
public sealed record LeaseSpec
{
    [Proto(1), Description("Identity of the current holder.")]
    public string? HolderIdentity { get; init; }
    [Proto(2), Description("Seconds candidates wait after the last renewal before taking the lease over.")]
    public int? LeaseDurationSeconds { get; init; }
    [Proto(3), MicroTime, Description("When the current holder acquired the lease.")]
    public DateTimeOffset? AcquireTime { get; init; }
    [Proto(4), MicroTime, Description("When the current holder last renewed the lease.")]
    public DateTimeOffset? RenewTime { get; init; }
    [Proto(5), Description("How many times the lease has changed holders.")]
    public int? LeaseTransitions { get; init; }
    [Proto(6), Description("How the holder is chosen in coordinated leader election, e.g. OldestEmulationVersion.")]
    public string? Strategy { get; init; }
    [Proto(7), Description("Holder that coordinated leader election would like to take over.")]
    public string? PreferredHolder { get; init; }
}

[Description("A page of Lease objects.")]
public sealed record LeaseList : KubernetesList<Lease>;
