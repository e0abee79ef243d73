using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace KubeSharp.Node.Network;

/// <summary>
/// Every host-level network name of one kubesharp instance starts with its prefix, so instances never collide and
/// a crashed run's leftovers can be found again: bridge <c>{prefix}0</c>, host-side veths <c>{prefix}v{8 hex}</c>
/// (at most 15 characters, the kernel's limit), network namespaces <c>{prefix}-{sandbox}</c>.
/// </summary>
public sealed partial record NetworkNames(string Prefix)
{
    public const int MaxPrefixLength = 6;

    public static NetworkNames For(string prefix)
    {
        if (!PrefixPattern().IsMatch(prefix))
            throw new ArgumentException($"instance prefix \"{prefix}\" must be 1-{MaxPrefixLength} lowercase letters or digits, starting with a letter", nameof(prefix));
        return new NetworkNames(prefix);
    }

    public string DefaultBridge => Prefix + "0";

    public string NetnsPrefix => Prefix + "-";

    public string Netns(string sandboxId) => NetnsPrefix + (sandboxId.Length > 16 ? sandboxId[..16] : sandboxId);

    public string HostVeth(string sandboxId) =>
        Prefix + "v" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sandboxId)))[..8];

    public bool IsOwnedLink(string linkName) =>
        linkName == DefaultBridge ||
        (linkName.Length == Prefix.Length + 9 && linkName.StartsWith(Prefix + "v", StringComparison.Ordinal) && linkName[(Prefix.Length + 1)..].All(Uri.IsHexDigit));

    public static string NetnsPath(string netnsName) => Path.Combine("/var/run/netns", netnsName);

    [GeneratedRegex("^[a-z][a-z0-9]{0,5}$")]
    private static partial Regex PrefixPattern();
}
