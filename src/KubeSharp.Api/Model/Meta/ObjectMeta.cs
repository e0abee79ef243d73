using System.ComponentModel;
using System.Text.Json.Nodes;

namespace KubeSharp.Api.Model;

[Description("Metadata that every persisted object has: name, namespace, labels, annotations, ownership and the fields the server manages.")]
public sealed record ObjectMeta
{
    [Proto(1), Description("Name, unique within a namespace. Must be a DNS subdomain for most kinds.")]
    public string? Name { get; init; }
    [Proto(2), Description("Prefix the server uses to generate a unique name when Name is empty.")]
    public string? GenerateName { get; init; }
    [Proto(3), Description("Namespace of the object; empty for cluster-scoped kinds.")]
    public string? Namespace { get; init; }
    [Proto(4), Description("Deprecated; not set by the server.")]
    public string? SelfLink { get; init; }
    [Proto(5), Description("Unique identifier the server assigns at creation; never reused.")]
    public string? Uid { get; init; }
    [Proto(6), Description("Opaque version used for optimistic concurrency and watches.")]
    public string? ResourceVersion { get; init; }
    [Proto(7), Description("Sequence number of the desired state; bumped on spec changes.")]
    public long? Generation { get; init; }
    [Proto(8), Description("When the server created the object (RFC 3339, UTC).")]
    public DateTimeOffset? CreationTimestamp { get; init; }
    [Proto(9), Description("When deletion was requested; set by the server for graceful deletion and finalizers.")]
    public DateTimeOffset? DeletionTimestamp { get; init; }
    [Proto(10), Description("Seconds allowed for graceful termination before the object is removed.")]
    public long? DeletionGracePeriodSeconds { get; init; }
    [Proto(11), Description("Key/value pairs for organising and selecting objects.")]
    public Dictionary<string, string>? Labels { get; init; }
    [Proto(12), Description("Key/value pairs for arbitrary non-identifying metadata.")]
    public Dictionary<string, string>? Annotations { get; init; }
    [Proto(13), Patch("merge", MergeKey = "uid"), ListType("map", "uid"), Description("Objects this one depends on; the garbage collector removes it when they are gone.")]
    public List<OwnerReference>? OwnerReferences { get; init; }
    [Proto(14), Patch("merge"), ListType("set"), Description("Conditions that must be cleared before the object is removed from storage.")]
    public List<string>? Finalizers { get; init; }
    [Proto(17), ListType("atomic"), Description("Which manager owns which fields, for server-side apply.")]
    public List<ManagedFieldsEntry>? ManagedFields { get; init; }
}

[Description("Points at an object that owns this one.")]
public sealed record OwnerReference
{
    [Proto(5), RequiredField, Description("API version of the owner.")] public string ApiVersion { get; init; } = "";
    [Proto(1), RequiredField, Description("Kind of the owner.")] public string Kind { get; init; } = "";
    [Proto(3), RequiredField, Description("Name of the owner.")] public string Name { get; init; } = "";
    [Proto(4), RequiredField, Description("UID of the owner.")] public string Uid { get; init; } = "";
    [Proto(6), Description("True if the owner is the managing controller.")] public bool? Controller { get; init; }
    [Proto(7), Description("If true, the owner cannot be deleted from storage (foreground deletion) until this reference is removed.")] public bool? BlockOwnerDeletion { get; init; }
}

[Description("The fields one manager set through one operation.")]
public sealed record ManagedFieldsEntry
{
    [Proto(1), Description("Name of the manager.")] public string? Manager { get; init; }
    [Proto(2), Description("Apply or Update.")] public string? Operation { get; init; }
    [Proto(3), Description("API version the fields are expressed in.")] public string? ApiVersion { get; init; }
    [Proto(4), Description("When the entry last changed.")] public DateTimeOffset? Time { get; init; }
    [Proto(6), Description("Format of FieldsV1; always FieldsV1.")] public string? FieldsType { get; init; }
    [Proto(7), PreserveUnknownFields, Description("The set of owned fields, in the FieldsV1 trie format.")] public JsonObject? FieldsV1 { get; init; }
    [Proto(8), Description("Subresource the fields were set through, if any.")] public string? Subresource { get; init; }
}

[Description("Metadata of a list.")]
public sealed record ListMeta
{
    [Proto(1), Description("Deprecated.")] public string? SelfLink { get; init; }
    [Proto(2), Description("Revision the list was read at.")] public string? ResourceVersion { get; init; }
    [Proto(3), Description("Token for the next page, when the list was limited.")] public string? Continue { get; init; }
    [Proto(4), Description("Approximate count of items after this page.")] public long? RemainingItemCount { get; init; }
}

[Description("A label query over a set of objects; requirements are ANDed. Empty matches everything.")]
public sealed record LabelSelector
{
    [Proto(1), Description("Labels that must match exactly.")] public Dictionary<string, string>? MatchLabels { get; init; }
    [Proto(2), ListType("atomic"), Description("Set-based requirements.")] public List<LabelSelectorRequirement>? MatchExpressions { get; init; }
}

[Description("One set-based label requirement.")]
public sealed record LabelSelectorRequirement
{
    [Proto(1), RequiredField, Description("Label key.")] public string Key { get; init; } = "";
    [Proto(2), RequiredField, Description("In, NotIn, Exists or DoesNotExist.")] public string Operator { get; init; } = "";
    [Proto(3), ListType("atomic"), Description("Values for In and NotIn.")] public List<string>? Values { get; init; }
}

[Description("A standard condition of an object's status.")]
public sealed record Condition
{
    [Proto(1), RequiredField, Description("Type of condition in CamelCase.")] public string Type { get; init; } = "";
    [Proto(2), RequiredField, Description("True, False or Unknown.")] public string Status { get; init; } = "";
    [Proto(3), Description("Generation the condition was set for.")] public long? ObservedGeneration { get; init; }
    [Proto(4), Description("When the status last changed.")] public DateTimeOffset? LastTransitionTime { get; init; }
    [Proto(5), Description("Machine-readable reason in CamelCase.")] public string? Reason { get; init; }
    [Proto(6), Description("Human-readable detail.")] public string? Message { get; init; }
}
