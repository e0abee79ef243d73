using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.ApiServer.Registry;

namespace KubeSharp.ApiServer.Admission;

/// <summary>
/// Upstream's NamespaceLifecycle: objects cannot be created in a namespace that does not exist or is
/// terminating, and the system namespaces cannot be deleted.
/// </summary>
public sealed class NamespaceLifecycle(RegistryContext registry) : IAdmissionPlugin
{
    public static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public async ValueTask AdmitAsync(AdmissionRequest request, CancellationToken ct)
    {
        if (request.Operation != "CREATE" || !request.Resource.Namespaced || request.Namespace is null) return;
        var namespaces = registry.StoreFor("", "v1", "namespaces");
        // The cache is enough almost always; only a namespace created a moment ago needs the fresh view.
        var ns = await namespaces.PeekCachedAsync(null, request.Namespace, ct) ?? await namespaces.GetCachedAsync(null, request.Namespace, ct);
        if (ns is null) throw StatusError.NotFound("namespaces", request.Namespace);
        // Events may still be written while a namespace terminates, as upstream allows.
        if (JsonMeta.DeletionTimestamp(ns.Object) is not null && request.Resource.Kind != "Event")
            throw new StatusError(403, "Forbidden", $"{request.Resource.Plural} \"{request.Name}\" is forbidden: unable to create new content in namespace {request.Namespace} because it is being terminated")
            {
                Name = request.Name, DetailsKind = request.Resource.Plural,
            };
    }
}
