namespace KubeSharp.Node.Images.Registry;

/// <summary>
/// What a registry login holds: a user name and password (Basic auth, or the basic credentials sent to a token service),
/// an OAuth2 refresh token (<c>identitytoken</c> in a docker config) or a ready bearer token (<c>registrytoken</c>).
/// </summary>
public sealed record RegistryCredentials(string? Username, string? Password, string? IdentityToken = null, string? RegistryToken = null)
{
    public bool HasBasic => !string.IsNullOrEmpty(Username) || !string.IsNullOrEmpty(Password);

    /// <summary>Keeps secrets out of logs and exception messages.</summary>
    public override string ToString() => $"RegistryCredentials {{ Username = {Username} }}";
}
