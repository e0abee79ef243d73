using System.Reflection;
using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;

namespace KubeSharp.Client.Events;

/// <summary>The object an Event is about (core/v1 ObjectReference as Events use it).</summary>
public sealed record InvolvedObject(string Kind, string Name)
{
    public string? Namespace { get; init; }
    public string? Uid { get; init; }
    public string? ApiVersion { get; init; }
    public string? ResourceVersion { get; init; }
    /// <summary>Part of the object the event is about, e.g. <c>spec.containers{app}</c>.</summary>
    public string? FieldPath { get; init; }

    public static InvolvedObject FromObject(JsonObject obj) =>
        new(obj["kind"]?.GetValue<string>() ?? "", JsonMeta.Name(obj) ?? "")
        {
            Namespace = JsonMeta.Namespace(obj),
            Uid = JsonMeta.Uid(obj),
            ApiVersion = obj["apiVersion"]?.GetValue<string>(),
            ResourceVersion = JsonMeta.ResourceVersion(obj),
        };

    public static InvolvedObject FromObject(KubernetesObject obj)
    {
        var kind = obj.GetType().GetCustomAttribute<KindAttribute>();
        return new(obj.Kind ?? kind?.Kind ?? obj.GetType().Name, obj.Metadata.Name ?? "")
        {
            Namespace = obj.Metadata.Namespace,
            Uid = obj.Metadata.Uid,
            ApiVersion = obj.ApiVersion ?? (kind is null ? null : kind.Group.Length == 0 ? kind.Version : $"{kind.Group}/{kind.Version}"),
            ResourceVersion = obj.Metadata.ResourceVersion,
        };
    }

    internal JsonObject ToJson()
    {
        var json = new JsonObject { ["kind"] = Kind };
        if (Namespace is { Length: > 0 }) json["namespace"] = Namespace;
        json["name"] = Name;
        if (Uid is not null) json["uid"] = Uid;
        if (ApiVersion is not null) json["apiVersion"] = ApiVersion;
        if (ResourceVersion is not null) json["resourceVersion"] = ResourceVersion;
        if (FieldPath is not null) json["fieldPath"] = FieldPath;
        return json;
    }
}

/// <summary>Who reports events: the component (e.g. "deployment-controller") and the host it runs on.</summary>
public sealed record EventSource(string Component, string? Host = null);

public static class EventTypes
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}
