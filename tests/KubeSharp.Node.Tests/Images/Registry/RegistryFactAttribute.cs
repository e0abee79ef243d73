using KubeSharp.Node.Images;
using KubeSharp.Node.Tests.Runtime;

namespace KubeSharp.Node.Tests.Images.Registry;

/// <summary>
/// Needs Debian's docker-registry, root (pulled layers are unpacked with ownership and whiteout device nodes) and any
/// further tools named; skipped with the reason otherwise. scripts/install-deps.sh installs all of them.
/// </summary>
public sealed class RegistryFactAttribute : FactAttribute
{
    public RegistryFactAttribute(params string[] tools)
    {
        var missingTool = tools.FirstOrDefault(t => !File.Exists(t));
        if ((LocalRegistry.MissingRequirement() ?? RootFactAttribute.MissingRequirement()) is { } reason)
            Skip = reason;
        else if (missingTool is not null)
            Skip = $"{missingTool} is missing (see scripts/install-deps.sh)";
        else if (tools.Contains(TestImages.ZstdCli) && !ZstdDecompressionStream.IsAvailable)
            Skip = "libzstd.so.1 cannot be loaded (apt-get install libzstd1)";
    }
}

/// <summary>Needs the zstd CLI (to make zstd data) and libzstd.so.1 (to read it).</summary>
public sealed class ZstdFactAttribute : FactAttribute
{
    public ZstdFactAttribute()
    {
        if (!File.Exists(TestImages.ZstdCli))
            Skip = $"{TestImages.ZstdCli} is missing (apt-get install zstd, see scripts/install-deps.sh)";
        else if (!ZstdDecompressionStream.IsAvailable)
            Skip = "libzstd.so.1 cannot be loaded (apt-get install libzstd1)";
    }
}
