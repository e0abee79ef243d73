using KubeSharp.Node.Network;

namespace KubeSharp.Node.Tests.Network;

public sealed class FileIpamTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kubesharp-ipam-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Allocates_distinct_addresses_is_idempotent_per_owner_and_does_not_reuse_at_once()
    {
        var ipam = new FileIpam(_directory, Ipv4Cidr.Parse("10.9.8.0/29")); // .2 to .6 usable
        var a = await ipam.AllocateAsync("a", CancellationToken.None);
        var b = await ipam.AllocateAsync("b", CancellationToken.None);
        Assert.Equal("10.9.8.2", a.ToString());
        Assert.Equal("10.9.8.3", b.ToString());
        Assert.Equal(a, await ipam.AllocateAsync("a", CancellationToken.None));

        Assert.True(await ipam.ReleaseAsync("a", CancellationToken.None));
        Assert.Equal("10.9.8.4", (await ipam.AllocateAsync("c", CancellationToken.None)).ToString());

        // A second allocator over the same directory (an agent restart) sees the same allocations.
        var again = new FileIpam(_directory, Ipv4Cidr.Parse("10.9.8.0/29"));
        Assert.Equal(b, await again.FindAsync("b", CancellationToken.None));
        await again.AllocateAsync("d", CancellationToken.None);
        await again.AllocateAsync("e", CancellationToken.None);
        await again.AllocateAsync("f", CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => again.AllocateAsync("g", CancellationToken.None));
    }

    [Fact]
    public void Names_fit_the_kernel_limit_and_sweep_only_matches_its_own_prefix()
    {
        var names = NetworkNames.For("ks1");
        var veth = names.HostVeth("abcdef");
        Assert.True(veth.Length <= 15);
        Assert.True(names.IsOwnedLink(veth));
        Assert.True(names.IsOwnedLink("ks10"));
        Assert.False(NetworkNames.For("ks10").IsOwnedLink(veth));
        Assert.False(names.IsOwnedLink("ks100"));
        Assert.Throws<ArgumentException>(() => NetworkNames.For("toolong7"));
    }
}
