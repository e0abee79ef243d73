using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.ApiServer.Admission;
using KubeSharp.Client;

namespace KubeSharp.ApiServer.Hosting;

/// <summary>
/// What upstream's bootstrap controller keeps in place: the system namespaces and the default/kubernetes
/// Service pointing at the API server.
/// </summary>
public static class SystemBootstrap
{
    static readonly GroupVersionResource Namespaces = new("", "v1", "namespaces");
    static readonly GroupVersionResource Services = new("", "v1", "services");
    static readonly GroupVersionResource Endpoints = new("", "v1", "endpoints");

    public static async Task EnsureAsync(IApiClient client, string serviceIp, string advertiseAddress, int port, CancellationToken ct)
    {
        foreach (var ns in NamespaceLifecycle.SystemNamespaces)
            await CreateIfMissingAsync(client, Namespaces, null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } }, ct);

        await CreateIfMissingAsync(client, Services, "default", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject
            {
                ["name"] = "kubernetes",
                ["namespace"] = "default",
                ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            },
            ["spec"] = new JsonObject
            {
                ["type"] = "ClusterIP",
                ["clusterIP"] = serviceIp,
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = port }),
                ["sessionAffinity"] = "None",
            },
        }, ct);
        await CreateIfMissingAsync(client, Endpoints, "default", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Endpoints",
            ["metadata"] = new JsonObject { ["name"] = "kubernetes", ["namespace"] = "default" },
            ["subsets"] = new JsonArray(new JsonObject
            {
                ["addresses"] = new JsonArray(new JsonObject { ["ip"] = advertiseAddress }),
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = port, ["protocol"] = "TCP" }),
            }),
        }, ct);
    }

    static async Task CreateIfMissingAsync(IApiClient client, GroupVersionResource gvr, string? ns, JsonObject obj, CancellationToken ct)
    {
        try
        {
            await client.CreateAsync(gvr, ns, obj, options: new WriteOptions { FieldManager = "kube-apiserver" }, ct: ct);
        }
        catch (StatusError e) when (e.Reason == "AlreadyExists") { }
    }
}
