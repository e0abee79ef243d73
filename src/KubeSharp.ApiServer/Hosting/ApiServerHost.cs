using System.Net;
using System.Security.Authentication;
using KubeSharp.Api.Resources;
using KubeSharp.ApiServer.Authentication;
using KubeSharp.ApiServer.Crd;
using KubeSharp.ApiServer.Discovery;
using KubeSharp.ApiServer.Endpoints;
using KubeSharp.ApiServer.Pki;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Serialization;
using KubeSharp.Storage;
using KubeSharp.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer.Hosting;

/// <summary>
/// One running API server: the store, its cache, the registry of resources and the HTTPS endpoint.
/// Start order follows k3s: store → caches → HTTPS → ready.
/// </summary>
public sealed class ApiServerHost : IAsyncDisposable
{
    WebApplication? _app;
    readonly CancellationTokenSource _stop = new();
    StoreCompactor? _compactor;
    volatile bool _ready;

    ApiServerHost(ApiServerOptions options, IStore store, Cacher cacher, RegistryContext registry, ClusterCertificates certs, ILoggerFactory logs)
    {
        Options = options;
        Store = store;
        Cacher = cacher;
        Registry = registry;
        Certificates = certs;
        Logs = logs;
    }

    public ApiServerOptions Options { get; }
    public IStore Store { get; }
    public Cacher Cacher { get; }
    public RegistryContext Registry { get; }
    public ClusterCertificates Certificates { get; }
    public ILoggerFactory Logs { get; }
    public string KubeconfigPath => Options.KubeconfigPath ?? Path.Combine(Options.DataDir, "kubeconfig.yaml");
    public string ServerUrl => $"https://{(Options.BindAddress is "0.0.0.0" or "::" ? "127.0.0.1" : Options.BindAddress)}:{Options.HttpsPort}";

    /// <summary>The in-process client every co-located component uses.</summary>
    public LoopbackClient Client { get; private set; } = null!;

    public static async Task<ApiServerHost> StartAsync(ApiServerOptions options, ILoggerFactory logs, IPodStreams podStreams, CancellationToken ct)
    {
        Directory.CreateDirectory(options.DataDir);
        var log = logs.CreateLogger("kubesharp");
        var certs = ClusterCertificates.LoadOrCreate(Path.Combine(options.DataDir, "tls"), []);
        log.LogInformation("certificates ready in {Dir}", Path.Combine(options.DataDir, "tls"));

        var store = await SqliteStore.OpenAsync(Path.Combine(options.DataDir, "db", "state.db"), options.Time, ct);
        var cacher = new Cacher(store, logs.CreateLogger<Cacher>());
        // As kube-apiserver asks etcd to, keep the store's history bounded: the newest 1,000 revisions stay watchable.
        var compactor = new StoreCompactor(store, new StoreCompactorOptions(), options.Time);
        await cacher.StartAsync(ct);
        log.LogInformation("store open at revision {Revision}", store.CurrentRevision);

        var resources = new ResourceRegistry();
        var wiring = new ServerWiring(resources, options.Time);
        foreach (var def in wiring.BuiltInResources()) resources.Register(def);
        var registry = new RegistryContext
        {
            Store = store,
            Cacher = cacher,
            Time = options.Time,
            Resources = resources,
            FieldManager = wiring.FieldManager,
        };
        var host = new ApiServerHost(options, store, cacher, registry, certs, logs) { _compactor = compactor };
        compactor.Start();
        host.Client = new LoopbackClient(registry) { Patcher = wiring.Patches.Apply };
        foreach (var plugin in wiring.AdmissionPlugins(registry, options)) registry.Admission.Add(plugin);
        await new CrdController(registry, host.Client, wiring.CrdSchemas, logs.CreateLogger<CrdController>(), options.Time).StartAsync(host._stop.Token);
        await host.StartHttpsAsync(wiring, podStreams, ct);
        KubeconfigWriter.Write(host.KubeconfigPath, host.ServerUrl, certs);
        host._ready = true;
        return host;
    }

    async Task StartHttpsAsync(ServerWiring wiring, IPodStreams podStreams, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = BodyReader.MaxDrainBytes;
            k.Limits.MaxConcurrentConnections = null;
            k.Limits.Http2.MaxStreamsPerConnection = 1000;
            k.AddServerHeader = false;
            var address = IPAddress.Parse(Options.BindAddress);
            k.Listen(address, Options.HttpsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = Certificates.ServingCertificate,
                    // Ask for the client certificate in the handshake: renegotiation is impossible over HTTP/2.
                    ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                    ClientCertificateValidation = (cert, _, _) => Certificates.IsIssuedByCluster(cert),
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                });
            });
        });
        _app = builder.Build();
        var authenticators = new List<IAuthenticator> { new X509Authenticator(Certificates), new TokenFileAuthenticator(Options.TokenAuthFile) };
        var discovery = new DiscoveryDocuments(Registry.Resources);
        var bodies = new BodyReader(wiring.DecodeProtobuf);
        var tables = wiring.Tables;
        var patches = wiring.Patches;
        var watches = new WatchServer(tables, Options.Time);
        ResourceHandler? handler = null;
        var subresources = new SubresourceHandlers(Registry, patches, () => handler!, podStreams, Options.Time);
        handler = new ResourceHandler(Registry, bodies, tables, patches, wiring.Schemas, watches, subresources);
        var dispatcher = new ApiDispatcher(authenticators, discovery, wiring.OpenApi, handler, () => _ready, Logs.CreateLogger<ApiDispatcher>(),
            new MetricsEndpoint(Options.QueueMetrics));
        // kubectl's exec, attach and port-forward arrive as WebSocket upgrades on the same port.
        _app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        _app.Run(dispatcher.DispatchAsync);
        await _app.StartAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        _ready = false;
        await _stop.CancelAsync();
        if (_app is not null)
        {
            using (var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2))) await _app.StopAsync(stopTimeout.Token);
            await _app.DisposeAsync();
        }
        if (_compactor is not null) await _compactor.DisposeAsync();
        await Cacher.DisposeAsync();
        await Store.DisposeAsync();
    }
}
