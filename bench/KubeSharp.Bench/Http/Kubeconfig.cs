using System.Text;

namespace KubeSharp.Bench.Http;

/// <summary>
/// The few fields of an admin kubeconfig the bench needs. A line scan instead of a YAML parser keeps the
/// bench free of dependencies; it reads the first cluster and the first user, which is all an admin
/// kubeconfig written by the server has.
/// </summary>
public sealed record Kubeconfig(Uri Server, string CaPem, string ClientCertPem, string ClientKeyPem)
{
    public static Kubeconfig Load(string path)
    {
        string? server = null, ca = null, cert = null, key = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            server ??= Field(line, "server:");
            ca ??= Field(line, "certificate-authority-data:");
            cert ??= Field(line, "client-certificate-data:");
            key ??= Field(line, "client-key-data:");
        }
        if (server is null || ca is null || cert is null || key is null)
            throw new InvalidDataException($"{path}: needs server, certificate-authority-data, client-certificate-data and client-key-data");
        return new Kubeconfig(new Uri(server), Decode(ca), Decode(cert), Decode(key));
    }

    static string? Field(string line, string name) =>
        line.StartsWith(name, StringComparison.Ordinal) ? line[name.Length..].Trim().Trim('"', '\'') : null;

    static string Decode(string base64) => Encoding.ASCII.GetString(Convert.FromBase64String(base64));
}
