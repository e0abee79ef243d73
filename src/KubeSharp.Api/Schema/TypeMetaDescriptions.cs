namespace KubeSharp.Api.Schema;

/// <summary>Descriptions of the fields every top-level kind has, for kinds whose model leaves them undocumented.</summary>
public static class TypeMetaDescriptions
{
    public const string ApiVersion =
        "The versioned schema of this representation of the object (group/version, or just the version for the core group). Servers convert recognised versions and reject others.";
    public const string Kind =
        "The REST type this object represents, in CamelCase. Servers may infer it from the endpoint the client submits to. Cannot be updated.";
    public const string Metadata =
        "Standard object metadata: name, namespace, labels, annotations, owner references and the fields the server manages.";

    /// <summary>Fills in missing descriptions of apiVersion, kind and metadata on a top-level kind's node.</summary>
    public static void Fill(SchemaNode kind)
    {
        if (kind.Property("apiVersion") is { Description: null } apiVersion) apiVersion.Description = ApiVersion;
        if (kind.Property("kind") is { Description: null } k) k.Description = Kind;
        if (kind.Property("metadata") is { Description: null } metadata) metadata.Description = Metadata;
    }
}
