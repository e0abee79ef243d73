using System.Text;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace KubeSharp.Client.Http;

/// <summary>
/// The connection settings one kubeconfig context resolves to: server URL, the CA to trust, and the
/// credentials to present (client certificate and key as PEM, or a bearer token).
/// </summary>
public sealed record KubeConfig
{
    public required Uri Server { get; init; }
    public string? CertificateAuthorityPem { get; init; }
    public string? ClientCertificatePem { get; init; }
    public string? ClientKeyPem { get; init; }
    public string? Token { get; init; }
    public string? Namespace { get; init; }
    public bool InsecureSkipTlsVerify { get; init; }
    public string? TlsServerName { get; init; }

    public static KubeConfig LoadFile(string path, string? context = null)
    {
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return Parse(File.ReadAllText(path), context, baseDir);
    }

    /// <summary>
    /// Resolves <paramref name="context"/> (or current-context) of a kubeconfig document. Relative file
    /// references (certificate-authority, client-key, tokenFile, …) are resolved against <paramref name="baseDirectory"/>.
    /// </summary>
    public static KubeConfig Parse(string yaml, string? context = null, string? baseDirectory = null)
    {
        var doc = new DeserializerBuilder()
            .WithNamingConvention(HyphenatedNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build()
            .Deserialize<KubeConfigFile>(yaml) ?? throw new InvalidDataException("kubeconfig is empty");

        var contextName = context ?? doc.CurrentContext ?? throw new InvalidDataException("kubeconfig has no current-context");
        var ctx = doc.Contexts.FirstOrDefault(c => c.Name == contextName)?.Context
            ?? throw new InvalidDataException($"context \"{contextName}\" not found in kubeconfig");
        var cluster = doc.Clusters.FirstOrDefault(c => c.Name == ctx.Cluster)?.Cluster
            ?? throw new InvalidDataException($"cluster \"{ctx.Cluster}\" not found in kubeconfig");
        var user = doc.Users.FirstOrDefault(u => u.Name == ctx.User)?.User ?? new KubeConfigFile.UserEntry();
        if (string.IsNullOrEmpty(cluster.Server)) throw new InvalidDataException($"cluster \"{ctx.Cluster}\" has no server");

        var dir = baseDirectory ?? Directory.GetCurrentDirectory();
        return new KubeConfig
        {
            Server = new Uri(cluster.Server),
            CertificateAuthorityPem = DataOrFile(cluster.CertificateAuthorityData, cluster.CertificateAuthority, dir),
            ClientCertificatePem = DataOrFile(user.ClientCertificateData, user.ClientCertificate, dir),
            ClientKeyPem = DataOrFile(user.ClientKeyData, user.ClientKey, dir),
            Token = !string.IsNullOrEmpty(user.Token) ? user.Token
                : !string.IsNullOrEmpty(user.TokenFile) ? File.ReadAllText(Path.Combine(dir, user.TokenFile)).Trim() : null,
            Namespace = string.IsNullOrEmpty(ctx.Namespace) ? null : ctx.Namespace,
            InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = string.IsNullOrEmpty(cluster.TlsServerName) ? null : cluster.TlsServerName,
        };
    }

    // Inline data wins over a file path, as in client-go.
    static string? DataOrFile(string? base64, string? file, string dir)
    {
        if (!string.IsNullOrEmpty(base64)) return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        if (!string.IsNullOrEmpty(file)) return File.ReadAllText(Path.Combine(dir, file));
        return null;
    }
}

/// <summary>The kubeconfig document as YAML spells it; only the fields the client uses.</summary>
sealed class KubeConfigFile
{
    public string? CurrentContext { get; set; }
    public List<NamedCluster> Clusters { get; set; } = [];
    public List<NamedUser> Users { get; set; } = [];
    public List<NamedContext> Contexts { get; set; } = [];

    public sealed class NamedCluster { public string? Name { get; set; } public ClusterEntry Cluster { get; set; } = new(); }
    public sealed class NamedUser { public string? Name { get; set; } public UserEntry User { get; set; } = new(); }
    public sealed class NamedContext { public string? Name { get; set; } public ContextEntry Context { get; set; } = new(); }

    public sealed class ClusterEntry
    {
        public string? Server { get; set; }
        public string? CertificateAuthority { get; set; }
        public string? CertificateAuthorityData { get; set; }
        public bool InsecureSkipTlsVerify { get; set; }
        public string? TlsServerName { get; set; }
    }

    public sealed class UserEntry
    {
        public string? ClientCertificate { get; set; }
        public string? ClientCertificateData { get; set; }
        public string? ClientKey { get; set; }
        public string? ClientKeyData { get; set; }
        public string? Token { get; set; }
        [YamlMember(Alias = "tokenFile")] public string? TokenFile { get; set; }
    }

    public sealed class ContextEntry
    {
        public string? Cluster { get; set; }
        public string? User { get; set; }
        public string? Namespace { get; set; }
    }
}
