using System.Net;

namespace KubeSharp.Node.Network;

/// <summary>
/// Hands out pod addresses from a CIDR, one file per address (named by the address, holding the owner's id).
/// Creating the file with <see cref="FileMode.CreateNew"/> is the atomic claim, so allocations survive restarts and
/// need no lock file. Like CNI's host-local plugin it continues after the last address it gave out, which avoids
/// handing a just-freed address straight to the next pod.
/// </summary>
public sealed class FileIpam
{
    private const string LastReservedFile = "last_reserved";
    private readonly string _directory;
    private readonly Ipv4Cidr _cidr;

    public FileIpam(string directory, Ipv4Cidr cidr)
    {
        _directory = directory;
        _cidr = cidr;
        Directory.CreateDirectory(directory);
    }

    public async Task<IPAddress> AllocateAsync(string owner, CancellationToken cancellationToken)
    {
        if (await FindAsync(owner, cancellationToken) is { } existing)
            return existing;
        var first = Ipv4Cidr.ToUInt(_cidr.FirstPodAddress);
        var last = Ipv4Cidr.ToUInt(_cidr.LastPodAddress);
        var start = ReadLastReserved() is { } previous && previous >= first && previous < last ? previous + 1 : first;
        var count = last - first + 1;
        for (uint i = 0; i < count; i++)
        {
            var candidate = first + (start - first + i) % count;
            var address = Ipv4Cidr.ToAddress(candidate);
            try
            {
                await using (var file = new FileStream(PathOf(address), FileMode.CreateNew, FileAccess.Write))
                    await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(owner), cancellationToken);
                await File.WriteAllTextAsync(Path.Combine(_directory, LastReservedFile), address.ToString(), cancellationToken);
                return address;
            }
            catch (IOException) when (File.Exists(PathOf(address)))
            {
                // taken; try the next one
            }
        }
        throw new InvalidOperationException($"no free address left in {_cidr}");
    }

    public async Task<bool> ReleaseAsync(string owner, CancellationToken cancellationToken)
    {
        if (await FindAsync(owner, cancellationToken) is not { } address)
            return false;
        File.Delete(PathOf(address));
        return true;
    }

    public async Task<IPAddress?> FindAsync(string owner, CancellationToken cancellationToken)
    {
        foreach (var (address, holder) in await ListAsync(cancellationToken))
        {
            if (holder == owner)
                return address;
        }
        return null;
    }

    public async Task<IReadOnlyList<(IPAddress Address, string Owner)>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<(IPAddress, string)>();
        foreach (var path in Directory.EnumerateFiles(_directory))
        {
            if (!IPAddress.TryParse(Path.GetFileName(path), out var address) || !_cidr.Contains(address))
                continue;
            try
            {
                result.Add((address, await File.ReadAllTextAsync(path, cancellationToken)));
            }
            catch (FileNotFoundException)
            {
                // released meanwhile
            }
        }
        return result;
    }

    private string PathOf(IPAddress address) => Path.Combine(_directory, address.ToString());

    private uint? ReadLastReserved()
    {
        try
        {
            return IPAddress.TryParse(File.ReadAllText(Path.Combine(_directory, LastReservedFile)).Trim(), out var a) ? Ipv4Cidr.ToUInt(a) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
