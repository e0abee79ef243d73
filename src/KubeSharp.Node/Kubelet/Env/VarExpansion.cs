using System.Text;

namespace KubeSharp.Node.Kubelet.Env;

/// <summary>
/// Kubernetes' <c>$(VAR)</c> expansion in command, args and env values: a defined name is replaced, an
/// undefined reference stays as written, <c>$$</c> is a literal <c>$</c>, and any other <c>$</c> is kept.
/// </summary>
public static class VarExpansion
{
    public static string Expand(string input, Func<string, string?> lookup)
    {
        if (!input.Contains('$')) return input;
        var output = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (c != '$' || i + 1 >= input.Length)
            {
                output.Append(c);
                continue;
            }
            var next = input[i + 1];
            if (next == '$')
            {
                output.Append('$');
                i++;
                continue;
            }
            if (next == '(')
            {
                var close = input.IndexOf(')', i + 2);
                if (close < 0)
                {
                    // An unterminated reference is kept verbatim, as upstream does.
                    output.Append(input, i, input.Length - i);
                    break;
                }
                var name = input[(i + 2)..close];
                if (name.Length > 0 && lookup(name) is { } value) output.Append(value);
                else output.Append(input, i, close - i + 1);
                i = close;
                continue;
            }
            output.Append(c);
        }
        return output.ToString();
    }
}
