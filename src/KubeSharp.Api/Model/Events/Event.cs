using System.ComponentModel;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Api.Model.Events;

[Kind("events.k8s.io", "v1", "Event")]
[Description("A report of something that happened to an object, for humans; kept only for a short time.")]
public sealed record Event : KubernetesObject
{
    [Proto(2), RequiredField, MicroTime, Description("When the event first happened.")]
    public DateTimeOffset? EventTime { get; init; }
    [Proto(3), Description("Counts and times of repeats of this event, when it is recurring.")]
    public EventSeries? Series { get; init; }
    [Proto(4), Description("Controller that emitted the event, e.g. kubernetes.io/kubelet.")]
    public string? ReportingController { get; init; }
    [Proto(5), Description("Instance of the controller that emitted the event, e.g. the kubelet's node name.")]
    public string? ReportingInstance { get; init; }
    [Proto(6), Description("What was done or failed, in machine-readable form.")]
    public string? Action { get; init; }
    [Proto(7), Description("Why the action was taken, in machine-readable form.")]
    public string? Reason { get; init; }
    [Proto(8), Description("The object the event is about.")]
    public ObjectReference? Regarding { get; init; }
    [Proto(9), Description("A second object involved, if any.")]
    public ObjectReference? Related { get; init; }
    [Proto(10), Description("Human-readable description of what happened.")]
    public string? Note { get; init; }
    [Proto(11), Description("Normal or Warning.")]
    public string? Type { get; init; }
    [Proto(12), Description("Legacy source of the event, kept for core/v1 compatibility.")]
    public EventSource? DeprecatedSource { get; init; }
    [Proto(13), Description("Legacy first-seen time, kept for core/v1 compatibility.")]
    public DateTimeOffset? DeprecatedFirstTimestamp { get; init; }
    [Proto(14), Description("Legacy last-seen time, kept for core/v1 compatibility.")]
    public DateTimeOffset? DeprecatedLastTimestamp { get; init; }
    [Proto(15), Description("Legacy repeat count, kept for core/v1 compatibility.")]
    public int? DeprecatedCount { get; init; }
}

[Description("How often a recurring event has happened.")]
public sealed record EventSeries
{
    [Proto(1), RequiredField, Description("Occurrences seen up to lastObservedTime.")]
    public int? Count { get; init; }
    [Proto(2), RequiredField, MicroTime, Description("When the last occurrence was seen.")]
    public DateTimeOffset? LastObservedTime { get; init; }
}

[Description("A page of Event objects.")]
public sealed record EventList : KubernetesList<Event>;
