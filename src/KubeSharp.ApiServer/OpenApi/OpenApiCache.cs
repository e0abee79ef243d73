using KubeSharp.Api.Resources;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.OpenApi;

/// <summary>
/// Serves the current <see cref="OpenApiDocuments"/>: built on first use and again on first use after
/// the registry or the catalog changes. A build that raced with a change is returned to its caller but
/// not kept, so a stale document never outlives the change that made it stale.
/// </summary>
public sealed class OpenApiCache : IDisposable
{
    readonly ResourceRegistry _registry;
    readonly SchemaCatalog _catalog;
    readonly OpenApiBuilder _builder;
    readonly Lock _buildGate = new();
    long _generation;
    Cached? _cached;

    public OpenApiCache(ResourceRegistry registry, SchemaCatalog catalog, string serverVersion = "v1.32.0")
    {
        _registry = registry;
        _catalog = catalog;
        _builder = new OpenApiBuilder(registry, catalog, serverVersion);
        _registry.Changed += Invalidate;
        _catalog.Changed += Invalidate;
    }

    public OpenApiDocuments Current
    {
        get
        {
            var generation = Interlocked.Read(ref _generation);
            if (Volatile.Read(ref _cached) is { } hit && hit.Generation == generation) return hit.Documents;
            lock (_buildGate)
            {
                generation = Interlocked.Read(ref _generation);
                if (_cached is { } again && again.Generation == generation) return again.Documents;
                var documents = _builder.Build();
                if (Interlocked.Read(ref _generation) == generation) Volatile.Write(ref _cached, new Cached(generation, documents));
                return documents;
            }
        }
    }

    void Invalidate() => Interlocked.Increment(ref _generation);

    public void Dispose()
    {
        _registry.Changed -= Invalidate;
        _catalog.Changed -= Invalidate;
    }

    sealed record Cached(long Generation, OpenApiDocuments Documents);
}
