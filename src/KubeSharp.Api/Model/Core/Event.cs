using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "Event"), Description("A report of something that happened in the cluster.")]
public sealed record Event : KubernetesObject
{
    [Proto(2), RequiredField, Description("Object the event is about.")]
    public ObjectReference? InvolvedObject { get; init; }

    [Proto(3), Description("Short CamelCase reason for the event.")]
    public string? Reason { get; init; }

    [Proto(4), Description("Human-readable description.")]
    public string? Message { get; init; }

    [Proto(5), Description("Component that reported the event.")]
    public EventSource? Source { get; init; }

    [Proto(6), Description("When the event was first recorded.")]
    public DateTimeOffset? FirstTimestamp { get; init; }

    [Proto(7), Description("When the event was most recently recorded.")]
    public DateTimeOffset? LastTimestamp { get; init; }

    [Proto(8), Description("How many times the event occurred.")]
    public int? Count { get; init; }

    [Proto(9), Description("Normal or Warning.")]
    public string? Type { get; init; }

    [Proto(10), MicroTime, Description("When the event first happened, with microseconds.")]
    public DateTimeOffset? EventTime { get; init; }

    [Proto(11), Description("Data about a series of repeated events.")]
    public EventSeries? Series { get; init; }

    [Proto(12), Description("What was done, or what failed.")]
    public string? Action { get; init; }

    [Proto(13), Description("A secondary object involved.")]
    public ObjectReference? Related { get; init; }

    [Proto(14), Description("Controller that emitted the event, such as kubernetes.io/kubelet.")]
    public string? ReportingComponent { get; init; }

    [Proto(15), Description("Instance of the controller, such as the kubelet's node name.")]
    public string? ReportingInstance { get; init; }
}

[Description("A page of events.")]
public sealed record EventList : KubernetesList<Event>;

[Description("Where an event came from.")]
public sealed record EventSource
{
    [Proto(1), Description("Reporting component.")]
    public string? Component { get; init; }

    [Proto(2), Description("Node the event came from.")]
    public string? Host { get; init; }
}

[Description("A series of repeated events.")]
public sealed record EventSeries
{
    [Proto(1), Description("Occurrences in the series so far.")]
    public int? Count { get; init; }

    [Proto(2), MicroTime, Description("When the last occurrence was seen.")]
    public DateTimeOffset? LastObservedTime { get; init; }
}
