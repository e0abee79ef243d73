using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.Patch;

/// <summary>What a schema node says about strategic merging (upstream's patchStrategy/patchMergeKey tags).</summary>
internal readonly record struct PatchMeta(bool Merge, bool Replace, bool RetainKeys, string? MergeKey)
{
    public static PatchMeta Of(SchemaNode? node)
    {
        if (node?.PatchStrategy is not { } strategy) return new(false, false, false, node?.PatchMergeKey);
        bool merge = false, replace = false, retain = false;
        foreach (var part in strategy.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            switch (part)
            {
                case "merge": merge = true; break;
                case "replace": replace = true; break;
                case "retainKeys": retain = true; break;
            }
        }
        return new(merge, replace, retain, node.PatchMergeKey);
    }

    /// <summary>The schema of a member of an object: a declared property or the map's value schema.</summary>
    public static SchemaNode? Member(SchemaNode? node, string name) =>
        node is null ? null : node.Property(name) ?? node.AdditionalProperties;
}
