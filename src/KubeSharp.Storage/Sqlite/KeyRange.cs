using System.Text;

namespace KubeSharp.Storage.Sqlite;

/// <summary>
/// The half-open key interval [<see cref="Start"/>, <see cref="End"/>) holding every key with a given prefix.
/// SQLite compares TEXT with memcmp on UTF-8, and UTF-8 byte order is code-point order, so the end is the
/// prefix with its last code point incremented (dropping trailing U+10FFFF, which cannot be incremented).
/// </summary>
internal readonly record struct KeyRange(string Start, string? End)
{
    public static KeyRange ForPrefix(string prefix)
    {
        var runes = new List<Rune>();
        foreach (var rune in prefix.EnumerateRunes())
            runes.Add(rune);

        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last == 0x10FFFF)
                continue;
            var next = last + 1 == 0xD800 ? 0xE000 : last + 1; // skip the surrogate block: not valid scalars
            var end = new StringBuilder(prefix.Length + 1);
            foreach (var rune in runes)
                end.Append(rune.ToString());
            end.Append(new Rune(next).ToString());
            return new KeyRange(prefix, end.ToString());
        }
        return new KeyRange(prefix, null); // empty prefix (or all U+10FFFF): unbounded above
    }
}
