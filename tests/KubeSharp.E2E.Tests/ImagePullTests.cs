using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KubeSharp.Node.Kubelet;
using KubeSharp.E2E.Tests.Infrastructure;
using KubeSharp.Node.Images;

namespace KubeSharp.E2E.Tests;

/// <summary>The node agent, the real runc and Debian's docker-registry (htpasswd auth) on loopback; skipped with the reason elsewhere.</summary>
public sealed class RegistryNodeFactAttribute : FactAttribute
{
    public RegistryNodeFactAttribute()
    {
        if (NodeAgent.MissingRequirement() is { } reason) Skip = reason;
        else if (new[] { PrivateRegistry.Binary, PrivateRegistry.Htpasswd, PrivateRegistry.Skopeo, BusyboxImageBuilder.DefaultBusyboxPath }
                     .FirstOrDefault(t => !File.Exists(t)) is { } missing)
            Skip = $"{missing} is missing (see scripts/install-deps.sh)";
    }
}

/// <summary>Images from a registry that wants a login: pull secrets, ErrImagePull/ImagePullBackOff, and image changes of running pods.</summary>
public sealed class ImagePullTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    Kubectl K => fx.Kubectl;

    Task<string> WaitForAsync(string ns, string pod, string path, Func<string, bool> condition, int seconds = 60) =>
        K.EventuallyAsync(condition, TimeSpan.FromSeconds(seconds), "-n", ns, "get", "pod", pod, "-o", $"jsonpath={path}");

    [RegistryNodeFact]
    public async Task PrivateImagePullsWithItsSecretAndFailsWithoutIt()
    {
        await using var registry = await PrivateRegistry.StartAsync();
        var image = await registry.PushBusyboxAsync("private/busybox:e2e");
        var ns = await fx.NamespaceAsync("pull");

        // Without credentials: the registry refuses, the pod waits with ErrImagePull, then ImagePullBackOff.
        await K.ApplyAsync(PodYaml(ns, "anonymous", image, pullSecret: null));
        var waiting = await WaitForAsync(ns, "anonymous", "{.status.containerStatuses[0].state.waiting.reason}",
            r => r is "ErrImagePull" or "ImagePullBackOff", 30);
        var message = await K.OkAsync("-n", ns, "get", "pod", "anonymous", "-o", "jsonpath={.status.containerStatuses[0].state.waiting.message}");
        if (waiting == "ErrImagePull")
            Assert.Contains("authorization failed", message);
        await WaitForAsync(ns, "anonymous", "{.status.containerStatuses[0].state.waiting.reason}", r => r == "ImagePullBackOff", 30);
        Assert.Matches(@"anonymous\s+0/1\s+(ErrImagePull|ImagePullBackOff)", await K.OkAsync("-n", ns, "get", "pod", "anonymous"));
        var failedEvents = await K.OkAsync("-n", ns, "get", "events", "--field-selector", "involvedObject.name=anonymous", "-o",
            "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}");
        Assert.Contains($"Failed: Failed to pull image \"{image}\": authorization failed", failedEvents);
        Assert.Contains("401 Unauthorized", failedEvents);

        // With a docker-registry secret made by kubectl, and imagePullPolicy Always (the image is pulled each time).
        await K.OkAsync("-n", ns, "create", "secret", "docker-registry", "regcred", $"--docker-server={registry.Host}",
            $"--docker-username={PrivateRegistry.User}", $"--docker-password={PrivateRegistry.Password}");
        await K.ApplyAsync(PodYaml(ns, "private", image, pullSecret: "regcred"));
        await WaitForAsync(ns, "private", "{.status.phase}", p => p == "Running");
        Assert.Equal("private-ok\n", await K.OkAsync("-n", ns, "exec", "private", "--", "sh", "-c", "echo private-ok"));
        Assert.Equal(image, await K.OkAsync("-n", ns, "get", "pod", "private", "-o", "jsonpath={.status.containerStatuses[0].image}"));
        Assert.Contains("@sha256:", await K.OkAsync("-n", ns, "get", "pod", "private", "-o", "jsonpath={.status.containerStatuses[0].imageID}"));
        var events = await K.OkAsync("-n", ns, "get", "events", "--field-selector", "involvedObject.name=private", "-o",
            "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}");
        Assert.Contains($"Pulling: Pulling image \"{image}\"", events);
        Assert.Matches($@"Pulled: Successfully pulled image ""{image}"" in \d+ms\. Image size: \d+ bytes\.", events);

        // The image is on the node now, but Always still asks the registry: the pod without the secret keeps failing.
        Assert.Matches("ErrImagePull|ImagePullBackOff", await K.OkAsync("-n", ns, "get", "pod", "anonymous", "-o",
            "jsonpath={.status.containerStatuses[0].state.waiting.reason}"));
    }

    [RegistryNodeFact]
    public async Task ChangedImageRestartsTheContainer()
    {
        await using var registry = await PrivateRegistry.StartAsync();
        var image = await registry.PushBusyboxAsync("private/busybox:v2");
        var ns = await fx.NamespaceAsync("setimage");
        await K.OkAsync("-n", ns, "create", "secret", "docker-registry", "regcred", $"--docker-server={registry.Host}",
            $"--docker-username={PrivateRegistry.User}", $"--docker-password={PrivateRegistry.Password}");
        await K.ApplyAsync(PodYaml(ns, "web", "busybox", pullSecret: "regcred"));
        await WaitForAsync(ns, "web", "{.status.phase}", p => p == "Running");
        var before = await K.OkAsync("-n", ns, "get", "pod", "web", "-o", "jsonpath={.status.containerStatuses[0].containerID}");

        await K.OkAsync("-n", ns, "set", "image", "pod/web", $"c={image}");

        await WaitForAsync(ns, "web", "{.status.containerStatuses[0].image} {.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].state.running.startedAt}",
            s => s.StartsWith($"{image} 1 ", StringComparison.Ordinal) && s.Length > image.Length + 3);
        Assert.NotEqual(before, await K.OkAsync("-n", ns, "get", "pod", "web", "-o", "jsonpath={.status.containerStatuses[0].containerID}"));
        Assert.Equal("Running", await K.OkAsync("-n", ns, "get", "pod", "web", "-o", "jsonpath={.status.phase}"));
        var events = await K.OkAsync("-n", ns, "get", "events", "--field-selector", "involvedObject.name=web", "-o",
            "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}");
        Assert.Contains("Killing: Container c definition changed, will be restarted", events);
        Assert.Contains($"Pulling: Pulling image \"{image}\"", events);
    }

    /// <summary>A container that ends promptly on SIGTERM, so kills do not wait out a grace period.</summary>
    static string PodYaml(string ns, string name, string image, string? pullSecret) => $$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          terminationGracePeriodSeconds: 5
          {{(pullSecret is null ? "" : $"imagePullSecrets: [{{name: {pullSecret}}}]")}}
          containers:
          - name: c
            image: {{image}}
            imagePullPolicy: {{(image == "busybox" ? "IfNotPresent" : "Always")}}
            command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
        """;
}

/// <summary>
/// Debian's docker-registry on a free loopback port behind htpasswd Basic auth, with its own temp storage; disposal
/// kills it and removes the directory.
/// </summary>
sealed class PrivateRegistry : IAsyncDisposable
{
    public const string Binary = "/usr/bin/docker-registry";
    public const string Htpasswd = "/usr/bin/htpasswd";
    public const string Skopeo = "/usr/bin/skopeo";
    public const string User = "puller";
    public const string Password = "s3cret-pass";

    readonly Process _process;
    readonly string _directory;

    PrivateRegistry(Process process, string directory, int port) => (_process, _directory, Port) = (process, directory, port);

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public static async Task<PrivateRegistry> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("kubesharp-e2e-registry-").FullName;
        var port = FreePort();
        var (code, htpasswd, error) = await RunAsync(Htpasswd, "-Bbn", User, Password);
        if (code != 0) throw new InvalidOperationException("htpasswd failed: " + error);
        await File.WriteAllTextAsync(Path.Combine(directory, "htpasswd"), htpasswd.Trim() + "\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "config.yml"), $"""
            version: 0.1
            log:
              level: error
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {directory}/data
            http:
              addr: 127.0.0.1:{port}
              secret: kubesharp-e2e
            auth:
              htpasswd:
                realm: kubesharp-e2e
                path: {directory}/htpasswd
            """);
        var info = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(Path.Combine(directory, "config.yml"));
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start docker-registry");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new PrivateRegistry(process, directory, port);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"docker-registry exited with {process.ExitCode}");
                try
                {
                    using var response = await http.GetAsync($"http://{registry.Host}/v2/");
                    if (response.StatusCode == HttpStatusCode.Unauthorized) return registry;
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline) { }
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"docker-registry did not come up on {registry.Host}");
                await Task.Delay(50);
            }
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    /// <summary>Builds the project's busybox image into a scratch OCI layout and pushes it with skopeo; returns its reference.</summary>
    public async Task<string> PushBusyboxAsync(string repositoryAndTag)
    {
        var store = new ImageStore(Path.Combine(_directory, "source"));
        await new BusyboxImageBuilder(store).BuildAsync(CancellationToken.None);
        var reference = $"{Host}/{repositoryAndTag}";
        var (code, _, error) = await RunAsync(Skopeo, "copy", "--quiet", "--dest-tls-verify=false", "--dest-creds", $"{User}:{Password}",
            $"oci:{store.RootDirectory}:latest", $"docker://{reference}");
        if (code != 0) throw new InvalidOperationException("skopeo copy failed: " + error);
        return reference;
    }

    static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}
