using KubeSharp.Api.Model;

namespace KubeSharp.Scheduler.Cache;

/// <summary>
/// Amounts of compute resources in the units the scheduler counts: milli-CPU, bytes, pod slots and
/// integer scalars (extended resources, hugepages). Mutable; owners copy before sharing.
/// </summary>
public sealed class Resource
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string EphemeralStorage = "ephemeral-storage";
    public const string Pods = "pods";

    public long MilliCpu { get; set; }
    public long MemoryBytes { get; set; }
    public long EphemeralStorageBytes { get; set; }
    public long AllowedPods { get; set; }
    /// <summary>Extended and hugepages resources; null when there are none.</summary>
    public Dictionary<string, long>? Scalars { get; private set; }

    public bool IsZero => MilliCpu == 0 && MemoryBytes == 0 && EphemeralStorageBytes == 0 && (Scalars is null || Scalars.Values.All(v => v == 0));

    public static Resource From(IReadOnlyDictionary<string, Quantity>? list)
    {
        var r = new Resource();
        if (list is not null) foreach (var (name, q) in list) r.Add(name, q);
        return r;
    }

    public void Add(string name, Quantity q)
    {
        switch (name)
        {
            case Cpu: MilliCpu += q.MilliValue(); break;
            case Memory: MemoryBytes += q.IntegerValue(); break;
            case EphemeralStorage: EphemeralStorageBytes += q.IntegerValue(); break;
            case Pods: AllowedPods += q.IntegerValue(); break;
            default:
                if (IsScalar(name)) AddScalar(name, q.IntegerValue());
                break;
        }
    }

    public void Add(Resource other, int sign = 1)
    {
        MilliCpu += sign * other.MilliCpu;
        MemoryBytes += sign * other.MemoryBytes;
        EphemeralStorageBytes += sign * other.EphemeralStorageBytes;
        AllowedPods += sign * other.AllowedPods;
        if (other.Scalars is not null)
            foreach (var (k, v) in other.Scalars) AddScalar(k, sign * v);
    }

    /// <summary>Raises each amount to at least the other's (how init containers combine).</summary>
    public void Max(Resource other)
    {
        MilliCpu = Math.Max(MilliCpu, other.MilliCpu);
        MemoryBytes = Math.Max(MemoryBytes, other.MemoryBytes);
        EphemeralStorageBytes = Math.Max(EphemeralStorageBytes, other.EphemeralStorageBytes);
        if (other.Scalars is not null)
            foreach (var (k, v) in other.Scalars) SetScalar(k, Math.Max(Scalar(k), v));
    }

    public long Scalar(string name) => Scalars is not null && Scalars.TryGetValue(name, out var v) ? v : 0;

    public void AddScalar(string name, long amount) => SetScalar(name, Scalar(name) + amount);

    void SetScalar(string name, long amount) => (Scalars ??= new Dictionary<string, long>(StringComparer.Ordinal))[name] = amount;

    public Resource Clone()
    {
        var r = new Resource { MilliCpu = MilliCpu, MemoryBytes = MemoryBytes, EphemeralStorageBytes = EphemeralStorageBytes, AllowedPods = AllowedPods };
        if (Scalars is not null) r.Scalars = new Dictionary<string, long>(Scalars, StringComparer.Ordinal);
        return r;
    }

    /// <summary>Resources the scheduler accounts beyond cpu, memory and storage: extended (domain/name) and hugepages.</summary>
    public static bool IsScalar(string name) => name.Contains('/') || name.StartsWith("hugepages-", StringComparison.Ordinal);
}
