using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace KubeSharp.Node.Tests.Images.Registry;

/// <summary>
/// A real registry (Debian's docker-registry, i.e. distribution 2.x) on a free loopback port with its own temp storage,
/// optionally behind htpasswd Basic auth. Disposal kills it and removes the directory.
/// </summary>
internal sealed class LocalRegistry : IAsyncDisposable
{
    public const string Binary = "/usr/bin/docker-registry";
    public const string Htpasswd = "/usr/bin/htpasswd";

    private readonly Process _process;
    private readonly string _directory;

    private LocalRegistry(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The registry's name in image references, e.g. <c>127.0.0.1:41234</c>.</summary>
    public string Host => $"127.0.0.1:{Port}";

    public string StorageDirectory => Path.Combine(_directory, "data");

    public static string? MissingRequirement() =>
        File.Exists(Binary) ? null : $"{Binary} is missing (apt-get install docker-registry, see scripts/install-deps.sh)";

    public static async Task<LocalRegistry> StartAsync((string User, string Password)? basicAuth = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "kubesharp-registry-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        Process? process = null;
        try
        {
            var port = FreePort();
            var config = new StringBuilder($"""
                version: 0.1
                log:
                  level: error
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: {directory}/data
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:{port}
                  secret: kubesharp-test-secret

                """);
            if (basicAuth is { } auth)
            {
                await File.WriteAllTextAsync(Path.Combine(directory, "htpasswd"), await HashPasswordAsync(auth.User, auth.Password));
                config.Append($"""
                    auth:
                      htpasswd:
                        realm: kubesharp-test
                        path: {directory}/htpasswd

                    """);
            }
            var configPath = Path.Combine(directory, "config.yml");
            await File.WriteAllTextAsync(configPath, config.ToString());

            var info = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("serve");
            info.ArgumentList.Add(configPath);
            process = Process.Start(info) ?? throw new InvalidOperationException("cannot start docker-registry");
            var log = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var registry = new LocalRegistry(process, directory, port);
            await registry.WaitUntilReadyAsync(() => { lock (log) return log.ToString(); });
            return registry;
        }
        catch
        {
            if (process is not null)
                Stop(process);
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(Func<string> log)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode}: {log()}");
            try
            {
                using var response = await http.GetAsync($"http://{Host}/v2/");
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"docker-registry did not come up on {Host}: {log()}");
    }

    /// <summary>Uploads blobs (monolithic upload) and then the manifest, as <c>docker push</c> does.</summary>
    public async Task PushAsync(string repository, string reference, TestBlob manifest, IEnumerable<TestBlob> blobs, (string User, string Password)? login = null)
    {
        using var http = new HttpClient();
        if (login is { } l)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{l.User}:{l.Password}")));
        foreach (var blob in blobs.DistinctBy(b => b.Digest))
        {
            using var start = await http.PostAsync($"http://{Host}/v2/{repository}/blobs/uploads/", null);
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            var location = new Uri(new Uri($"http://{Host}/"), start.Headers.Location!);
            var separator = location.Query.Length > 0 ? "&" : "?";
            using var content = new ByteArrayContent(blob.Content);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var put = await http.PutAsync($"{location}{separator}digest={Uri.EscapeDataString(blob.Digest)}", content);
            Assert.True(put.StatusCode == HttpStatusCode.Created, $"blob upload: {put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        }
        using var body = new ByteArrayContent(manifest.Content);
        body.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
        using var response = await http.PutAsync($"http://{Host}/v2/{repository}/manifests/{reference}", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"manifest push: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public Task PushAsync(string repository, string reference, TestImage image, (string User, string Password)? login = null) =>
        PushAsync(repository, reference, image.Manifest, image.Blobs, login);

    /// <summary>The file the registry serves a blob from; tests flip bytes in it to simulate corruption at rest.</summary>
    public string BlobDataPath(string digest)
    {
        var hex = digest["sha256:".Length..];
        return Path.Combine(StorageDirectory, "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data");
    }

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await Task.Yield();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> HashPasswordAsync(string user, string password)
    {
        // distribution's htpasswd backend only accepts bcrypt entries.
        var info = new ProcessStartInfo(Htpasswd) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-Bbn", user, password })
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output.Trim() + "\n";
    }
}
