namespace KubeSharp.ApiServer.Patch;

/// <summary>RFC 6901 pointers: "/a/b~1c/0" → ["a", "b/c", "0"].</summary>
internal static class JsonPointer
{
    public static IReadOnlyList<string> Parse(string pointer)
    {
        if (pointer.Length == 0) return [];
        if (pointer[0] != '/') throw PatchException.Malformed($"JSON pointer must be empty or start with a \"/\": \"{pointer}\"");
        var tokens = pointer[1..].Split('/');
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            // "~01" must become "~1", so ~1 is decoded before ~0.
            if (t.Contains('~')) tokens[i] = Unescape(t, pointer);
        }
        return tokens;
    }

    static string Unescape(string token, string pointer)
    {
        var sb = new System.Text.StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] != '~') { sb.Append(token[i]); continue; }
            if (i + 1 >= token.Length || (token[i + 1] != '0' && token[i + 1] != '1'))
                throw PatchException.Malformed($"invalid JSON pointer escape in \"{pointer}\"");
            sb.Append(token[i + 1] == '0' ? '~' : '/');
            i++;
        }
        return sb.ToString();
    }

    /// <summary>Parses an array index token; "-" (past the end) only when allowed.</summary>
    public static bool TryIndex(string token, int count, bool allowEnd, out int index)
    {
        index = -1;
        if (token == "-")
        {
            if (!allowEnd) return false;
            index = count;
            return true;
        }
        if (token.Length == 0 || token.Length > 9 || (token.Length > 1 && token[0] == '0')) return false;
        foreach (var c in token) if (c is < '0' or > '9') return false;
        index = int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        return allowEnd ? index <= count : index < count;
    }
}
