using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Endpoints;

/// <summary>Pod streams for a cluster without a node agent: the answers upstream gives when no kubelet can be reached.</summary>
public sealed class NoPodStreams : IPodStreams
{
    public Task ServeAsync(HttpContext http, string subresource, JsonObject pod, UserInfo user)
    {
        var name = JsonMeta.Name(pod);
        if (string.IsNullOrEmpty(JsonMeta.Str(pod["spec"]?["nodeName"])))
            throw StatusError.BadRequest($"pod {name} does not have a host assigned");
        throw new StatusError(503, "ServiceUnavailable", $"no node agent is serving pods/{subresource} for pod {name}");
    }
}
