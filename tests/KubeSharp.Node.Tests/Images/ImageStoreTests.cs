using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using KubeSharp.Node.Images;
using KubeSharp.Node.Tests.Runtime;

namespace KubeSharp.Node.Tests.Images;

public sealed class ImageStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "kubesharp-images-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [RootFact]
    public async Task Imports_a_docker_save_tarball_and_unpacks_layers_with_overlay_whiteouts()
    {
        var lower = Tar(("etc/keep", "k"), ("etc/gone", "g"), ("data/old", "o"));
        var upper = Tar(("etc/.wh.gone", ""), ("data/.wh..wh..opq", ""), ("data/new", "n"));
        var config = JsonSerializer.SerializeToUtf8Bytes(new ImageConfigFile("amd64", "linux",
            new ImageRuntimeConfig(Env: ["A=1"], Entrypoint: ["/bin/app"]), new ImageRootFs("layers", []), null));
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new[]
        {
            new { Config = "config.json", RepoTags = new[] { "example/app:v1" }, Layers = new[] { "l1/layer.tar", "l2/layer.tar" } },
        });
        var archive = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".tar");
        await File.WriteAllBytesAsync(archive, Tar(("manifest.json", manifest), ("config.json", config), ("l1/layer.tar", lower), ("l2/layer.tar", upper)));
        try
        {
            var store = new ImageStore(_root);
            var references = await store.ImportAsync(archive, CancellationToken.None);
            Assert.Equal(["docker.io/example/app:v1"], references);

            var image = await store.GetImageAsync("example/app:v1", CancellationToken.None);
            Assert.NotNull(image);
            Assert.Equal(["/bin/app"], image.RuntimeConfig.Entrypoint);
            Assert.NotNull(await store.GetImageAsync(image.Id, CancellationToken.None));
            Assert.Single(await store.ListImagesAsync(CancellationToken.None));

            var layers = await store.GetLayerDirectoriesAsync(image, CancellationToken.None);
            Assert.Equal(2, layers.Count);
            Assert.Equal("k", await File.ReadAllTextAsync(Path.Combine(layers[0], "etc/keep")));
            // ".wh.gone" became a 0:0 character device named "gone", the overlayfs whiteout.
            var whiteout = new FileInfo(Path.Combine(layers[1], "etc/gone"));
            Assert.True(whiteout.Exists);
            Assert.Equal(0, whiteout.Length);
            Assert.False(File.Exists(Path.Combine(layers[1], "etc/.wh.gone")));
            Assert.False(File.Exists(Path.Combine(layers[1], "data/.wh..wh..opq")));
            Assert.True(File.Exists(Path.Combine(layers[1], "data/new")));

            Assert.True(await store.RemoveReferenceAsync("example/app:v1", CancellationToken.None));
            Assert.Null(await store.GetImageAsync("example/app:v1", CancellationToken.None));
        }
        finally
        {
            File.Delete(archive);
        }
    }

    [Fact]
    public void Rejects_layer_entries_that_escape_the_layer() =>
        Assert.Throws<InvalidDataException>(() => LayerUnpacker.CleanName("../../etc/passwd"));

    [Fact]
    public async Task Busybox_image_is_deterministic_and_runs_sh_by_default()
    {
        if (!File.Exists("/bin/busybox"))
            return;
        var store = new ImageStore(_root);
        var first = await new BusyboxImageBuilder(store).BuildAsync(CancellationToken.None);
        var second = await new BusyboxImageBuilder(store).BuildAsync(CancellationToken.None);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(["sh"], first.RuntimeConfig.Cmd);
        Assert.Contains(first.RuntimeConfig.Env!, e => e.StartsWith("PATH=", StringComparison.Ordinal));
        Assert.Equal([BusyboxImageBuilder.Reference], (await store.GetImageAsync("busybox", CancellationToken.None))!.References);
    }

    private static byte[] Tar(params (string Name, object Content)[] files)
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                var bytes = content as byte[] ?? Encoding.UTF8.GetBytes((string)content);
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes), Mode = (UnixFileMode)0x1A4 });
            }
        }
        return output.ToArray();
    }
}
