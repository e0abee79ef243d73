using System.Text;

namespace KubeSharp.ApiServer.Pki;

/// <summary>Writes the admin kubeconfig that points kubectl at this server with the admin client certificate.</summary>
public static class KubeconfigWriter
{
    public static void Write(string path, string serverUrl, ClusterCertificates certs)
    {
        static string B64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: kubesharp
              cluster:
                server: {serverUrl}
                certificate-authority-data: {B64(certs.CaPem)}
            users:
            - name: admin
              user:
                client-certificate-data: {B64(certs.AdminCertPem)}
                client-key-data: {B64(certs.AdminKeyPem)}
            contexts:
            - name: kubesharp
              context:
                cluster: kubesharp
                user: admin
                namespace: default
            current-context: kubesharp

            """;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(tmp, path, overwrite: true);
    }
}
