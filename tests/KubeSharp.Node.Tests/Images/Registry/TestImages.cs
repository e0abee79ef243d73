using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KubeSharp.Node.Images;

namespace KubeSharp.Node.Tests.Images.Registry;

internal sealed record TestBlob(string MediaType, byte[] Content)
{
    public string Digest { get; } = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Content));

    public OciDescriptor Descriptor(OciPlatform? platform = null) => new(MediaType, Digest, Content.Length, Platform: platform);
}

internal sealed record TestImage(TestBlob Config, IReadOnlyList<TestBlob> Layers, TestBlob Manifest)
{
    public IEnumerable<TestBlob> Blobs => Layers.Prepend(Config);
}

/// <summary>Builds small images (tar layers, gzip/zstd/uncompressed) in memory for the pull tests.</summary>
internal static class TestImages
{
    public const string ZstdCli = "/usr/bin/zstd";

    public static byte[] Tar(params (string Name, string Content)[] files)
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                    Mode = (UnixFileMode)0x1A4,
                    ModificationTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
                });
            }
        }
        return output.ToArray();
    }

    public static TestBlob Uncompressed(byte[] tar) => new(MediaTypes.OciLayer, tar);

    public static TestBlob Gzip(byte[] tar, string mediaType = MediaTypes.OciLayerGzip)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(tar);
        return new TestBlob(mediaType, output.ToArray());
    }

    /// <summary>Compresses with the zstd CLI (Debian package zstd), as a real build tool would.</summary>
    public static byte[] ZstdBytes(byte[] data)
    {
        var info = new ProcessStartInfo(ZstdCli) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-q");
        info.ArgumentList.Add("-c");
        using var process = Process.Start(info)!;
        var output = new MemoryStream();
        var reader = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(data);
        process.StandardInput.Close();
        reader.GetAwaiter().GetResult();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.ToArray();
    }

    public static TestBlob Zstd(byte[] tar) => new(MediaTypes.OciLayerZstd, ZstdBytes(tar));

    /// <param name="marker">Goes into the config so that images with equal layers still have distinct ids.</param>
    public static TestImage Image(string marker, IReadOnlyList<(TestBlob Layer, byte[] Tar)> layers,
        string architecture = "amd64", string manifestType = MediaTypes.OciManifest, string configType = MediaTypes.OciConfig)
    {
        var config = new ImageConfigFile(architecture, "linux",
            new ImageRuntimeConfig(Env: ["MARKER=" + marker], Cmd: ["sh"]),
            new ImageRootFs("layers", layers.Select(l => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(l.Tar))).ToList()));
        var configBlob = new TestBlob(configType, JsonSerializer.SerializeToUtf8Bytes(config));
        var manifest = new OciManifest(2, manifestType, configBlob.Descriptor(), layers.Select(l => l.Layer.Descriptor()).ToList());
        return new TestImage(configBlob, layers.Select(l => l.Layer).ToList(), new TestBlob(manifestType, JsonSerializer.SerializeToUtf8Bytes(manifest)));
    }

    /// <summary>A pull secret's docker config: <c>{"auths":{key:entry}}</c>, or the legacy form without the wrapper.</summary>
    public static string DockerConfig(string key, object entry, bool legacy = false)
    {
        var auths = new Dictionary<string, object> { [key] = entry };
        return legacy ? JsonSerializer.Serialize(auths) : JsonSerializer.Serialize(new { auths });
    }

    public static TestBlob Index(string mediaType, params (TestImage Image, OciPlatform Platform)[] entries) =>
        new(mediaType, JsonSerializer.SerializeToUtf8Bytes(new OciIndex(2, mediaType,
            entries.Select(e => e.Image.Manifest.Descriptor(e.Platform)).ToList())));
}
