namespace KubeSharp.E2E.Tests.Infrastructure;

/// <summary>One server per test class; tests use their own namespaces so they never see each other's objects.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public KubeSharpServer Server { get; private set; } = null!;
    public Kubectl Kubectl => Server.Kubectl;

    public async Task InitializeAsync() => Server = await KubeSharpServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A fresh namespace for one test.</summary>
    public async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await Kubectl.OkAsync("create", "namespace", name);
        return name;
    }
}
