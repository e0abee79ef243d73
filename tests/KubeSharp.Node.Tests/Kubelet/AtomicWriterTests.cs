using System.Text;
using KubeSharp.Node.Volumes;

namespace KubeSharp.Node.Tests.Kubelet;

public sealed class AtomicWriterTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("atomic-writer-").FullName;

    static FileProjection F(string text, int mode = 0x1A4) => new(Encoding.UTF8.GetBytes(text), (UnixFileMode)mode);

    [Fact]
    public void Files_appear_through_data_link_and_updates_swap_it()
    {
        var writer = new AtomicWriter(_dir, TimeProvider.System);
        Assert.True(writer.Write(new Dictionary<string, FileProjection> { ["a"] = F("1"), ["sub/b"] = F("2", 0x100) }));
        Assert.Equal("1", File.ReadAllText(Path.Combine(_dir, "a")));
        Assert.Equal("2", File.ReadAllText(Path.Combine(_dir, "sub", "b")));
        Assert.Equal("..data/a", new FileInfo(Path.Combine(_dir, "a")).LinkTarget);
        Assert.Equal((UnixFileMode)0x100, File.GetUnixFileMode(Path.Combine(_dir, "..data", "sub", "b")));
        var firstTarget = new FileInfo(Path.Combine(_dir, "..data")).LinkTarget;

        Assert.False(writer.Write(new Dictionary<string, FileProjection> { ["a"] = F("1"), ["sub/b"] = F("2", 0x100) }));

        Assert.True(writer.Write(new Dictionary<string, FileProjection> { ["a"] = F("changed") }));
        Assert.Equal("changed", File.ReadAllText(Path.Combine(_dir, "a")));
        Assert.False(Directory.Exists(Path.Combine(_dir, "sub")) || new FileInfo(Path.Combine(_dir, "sub")).LinkTarget is not null);
        Assert.False(Directory.Exists(Path.Combine(_dir, firstTarget!)));
        Assert.Single(Directory.EnumerateDirectories(_dir, "..2*"));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/abs")]
    [InlineData("..data")]
    public void Unsafe_paths_are_refused(string path)
    {
        var writer = new AtomicWriter(_dir, TimeProvider.System);
        Assert.Throws<ArgumentException>(() => writer.Write(new Dictionary<string, FileProjection> { [path] = F("x") }));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
