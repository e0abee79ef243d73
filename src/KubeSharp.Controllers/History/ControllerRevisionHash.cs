using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeSharp.Controllers.History;

/// <summary>
/// Names and hashes of ControllerRevisions as upstream's history package makes them: a 32-bit FNV-1 hash
/// of the revision data (plus the collision count, when set), spelled with the vowel-free alphabet so a
/// hash never forms a word, appended to the owner's name.
/// </summary>
public static class ControllerRevisionHash
{
    /// <summary>Label carrying the revision on pods and revisions ("controller-revision-hash").</summary>
    public const string Label = "controller-revision-hash";

    /// <summary>Longest owner-name prefix a revision name keeps, leaving room for "-" and the hash.</summary>
    const int MaxPrefixLength = 223;

    const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(JsonObject data, int? collisionCount)
    {
        var hash = 2166136261u;
        hash = Fnv1(hash, Encoding.UTF8.GetBytes(CanonicalJson.Serialize(data)));
        if (collisionCount is { } probe)
            hash = Fnv1(hash, Encoding.UTF8.GetBytes(probe.ToString(CultureInfo.InvariantCulture)));
        return SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    public static string RevisionName(string ownerName, string hash) =>
        $"{(ownerName.Length > MaxPrefixLength ? ownerName[..MaxPrefixLength] : ownerName)}-{hash}";

    static uint Fnv1(uint hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash *= 16777619u;
            hash ^= b;
        }
        return hash;
    }

    static string SafeEncode(string s)
    {
        var chars = new char[s.Length];
        for (var i = 0; i < s.Length; i++) chars[i] = SafeAlphabet[s[i] % SafeAlphabet.Length];
        return new string(chars);
    }
}
