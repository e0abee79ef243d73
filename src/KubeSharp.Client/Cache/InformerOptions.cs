namespace KubeSharp.Client.Cache;

public sealed record InformerOptions
{
    /// <summary>Restrict to one namespace; null watches all.</summary>
    public string? Namespace { get; init; }
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }
    /// <summary>When set, every cached object is re-delivered as an update (old == new) this often.</summary>
    public TimeSpan? ResyncPeriod { get; init; }
    /// <summary>Items per list page; 0 lists in one call.</summary>
    public int PageSize { get; init; } = 500;
    /// <summary>Watches are asked to end after between this and twice this, spreading reconnects.</summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
