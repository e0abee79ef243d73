using System.Diagnostics;
using System.Formats.Tar;
using System.Text;
using System.Text.Json;

namespace KubeSharp.Node.Images;

/// <summary>
/// Builds <c>docker.io/library/busybox:latest</c> from the host's static busybox (Debian's busybox-static),
/// so a node can run the seeds' examples with no registry. The layer is deterministic (fixed timestamps and order),
/// so rebuilding gives the same digests.
/// </summary>
public sealed class BusyboxImageBuilder(IImageStore store, string busyboxPath = BusyboxImageBuilder.DefaultBusyboxPath)
{
    public const string DefaultBusyboxPath = "/bin/busybox";
    public const string Reference = "docker.io/library/busybox:latest";
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Builds and tags the image unless that reference already exists.</summary>
    public async Task<LocalImage> EnsureAsync(CancellationToken cancellationToken) =>
        await store.GetImageAsync(Reference, cancellationToken) ?? await BuildAsync(cancellationToken);

    public async Task<LocalImage> BuildAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(busyboxPath))
            throw new FileNotFoundException($"{busyboxPath} is missing (apt-get install busybox-static)", busyboxPath);
        var applets = await ListAppletsAsync(cancellationToken);

        var layerBytes = new MemoryStream();
        await using (var writer = new TarWriter(layerBytes, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var dir in new[] { "bin", "sbin", "usr", "usr/bin", "usr/sbin", "etc", "root", "home", "var", "var/log", "dev", "proc", "sys" })
                await writer.WriteEntryAsync(Directory(dir, dir == "root" ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : Mode755), cancellationToken);
            await writer.WriteEntryAsync(Directory("tmp", Mode755 | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.StickyBit), cancellationToken);

            await using (var binary = File.OpenRead(busyboxPath))
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox") { Mode = Mode755, ModificationTime = Epoch, DataStream = binary };
                await writer.WriteEntryAsync(entry, cancellationToken);
            }
            foreach (var applet in applets.Where(a => a != "bin/busybox"))
            {
                var link = new PaxTarEntry(TarEntryType.SymbolicLink, applet) { LinkName = "/bin/busybox", Mode = (UnixFileMode)0x1FF, ModificationTime = Epoch };
                await writer.WriteEntryAsync(link, cancellationToken);
            }
            await writer.WriteEntryAsync(TextFile("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n"), cancellationToken);
            await writer.WriteEntryAsync(TextFile("etc/group", "root:x:0:\nnobody:x:65534:\n"), cancellationToken);
        }

        layerBytes.Position = 0;
        var layer = await store.WriteBlobAsync(layerBytes, MediaTypes.OciLayer, cancellationToken);
        var config = new ImageConfigFile(
            ImageImporter.CurrentArchitecture(), "linux",
            new ImageRuntimeConfig(Env: [$"PATH={DefaultPath}"], Cmd: ["sh"]),
            new ImageRootFs("layers", [layer.Digest]),
            Epoch);
        var configDescriptor = await store.WriteBlobAsync(
            new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(config)), MediaTypes.OciConfig, cancellationToken);
        var manifest = await store.WriteBlobAsync(
            new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new OciManifest(2, MediaTypes.OciManifest, configDescriptor, [layer]))),
            MediaTypes.OciManifest, cancellationToken);
        return await store.TagAsync(Reference, manifest, cancellationToken);
    }

    private const UnixFileMode Mode755 =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static PaxTarEntry Directory(string name, UnixFileMode mode) =>
        new(TarEntryType.Directory, name + "/") { Mode = mode, ModificationTime = Epoch };

    private static PaxTarEntry TextFile(string name, string content) =>
        new(TarEntryType.RegularFile, name)
        {
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            ModificationTime = Epoch,
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
        };

    /// <summary>Applet paths (<c>usr/bin/wget</c>…) as busybox itself reports them, sorted for a stable layer.</summary>
    private async Task<IReadOnlyList<string>> ListAppletsAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(busyboxPath) { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("--list-full");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot run busybox");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"busybox --list-full exited with {process.ExitCode}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => a.TrimStart('/'))
            .Where(a => !a.Contains(".."))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
