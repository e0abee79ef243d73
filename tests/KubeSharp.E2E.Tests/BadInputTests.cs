using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary>
/// Throws a corpus of malformed requests at a running server: each must get a 4xx Status, none may
/// crash or hang the server or change what is stored.
/// </summary>
public sealed class BadInputTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    public static IEnumerable<object[]> Corpus()
    {
        var deep = new StringBuilder();
        for (var i = 0; i < 5000; i++) deep.Append("{\"a\":");
        deep.Append('1');
        for (var i = 0; i < 5000; i++) deep.Append('}');
        var deepYaml = new StringBuilder("a:\n");
        for (var i = 1; i < 3000; i++) deepYaml.Append(new string(' ', i)).Append("- \n");
        var big = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"x\":\"" + new string('x', 4 * 1024 * 1024) + "\"}}";
        return new List<object[]>
        {
            new object[] { "malformed json", "POST", ConfigMaps, "{\"apiVersion\":\"v1\",", "application/json" },
            new object[] { "not an object", "POST", ConfigMaps, "[1,2,3]", "application/json" },
            new object[] { "empty body", "POST", ConfigMaps, "", "application/json" },
            new object[] { "malformed yaml", "POST", ConfigMaps, "apiVersion: v1\nkind: [ConfigMap\n", "application/yaml" },
            new object[] { "wrong kind", "POST", ConfigMaps, "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"wk\"}}", "application/json" },
            new object[] { "wrong apiVersion", "POST", ConfigMaps, "{\"apiVersion\":\"apps/v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"wv\"}}", "application/json" },
            new object[] { "unknown field strict", "POST", ConfigMaps + "?fieldValidation=Strict", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"uf\"},\"bogus\":1}", "application/json" },
            new object[] { "invalid name", "POST", ConfigMaps, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"Not_Valid\"}}", "application/json" },
            new object[] { "invalid label value", "POST", ConfigMaps, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"lv\",\"labels\":{\"a\":\"-bad-\"}}}", "application/json" },
            new object[] { "missing name", "POST", ConfigMaps, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{}}", "application/json" },
            new object[] { "wrong content type", "POST", ConfigMaps, "<xml/>", "application/xml" },
            new object[] { "deep json", "POST", ConfigMaps, deep.ToString(), "application/json" },
            new object[] { "deep yaml", "POST", ConfigMaps, deepYaml.ToString(), "application/yaml" },
            new object[] { "body over 3 MiB", "POST", ConfigMaps, big, "application/json" },
            new object[] { "garbage protobuf", "POST", ConfigMaps, "k8s\0garbage", "application/vnd.kubernetes.protobuf" },
            new object[] { "bad label selector", "GET", ConfigMaps + "?labelSelector=a%20in%20(", "", null! },
            new object[] { "bad field selector", "GET", ConfigMaps + "?fieldSelector=spec.bogus=1", "", null! },
            new object[] { "bad resourceVersion", "GET", ConfigMaps + "?resourceVersion=abc", "", null! },
            new object[] { "bad continue", "GET", ConfigMaps + "?limit=1&continue=%%%", "", null! },
            new object[] { "bad dryRun", "POST", ConfigMaps + "?dryRun=Some", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"dr\"}}", "application/json" },
            new object[] { "bad patch type", "PATCH", ConfigMaps + "/existing", "{}", "application/xml" },
            new object[] { "malformed merge patch", "PATCH", ConfigMaps + "/existing", "{\"data\":", "application/merge-patch+json" },
            new object[] { "json patch on missing path", "PATCH", ConfigMaps + "/existing", "[{\"op\":\"replace\",\"path\":\"/nope/x\",\"value\":1}]", "application/json-patch+json" },
            new object[] { "patch with a number as name", "PATCH", ConfigMaps + "/existing", "{\"metadata\":{\"name\":5}}", "application/merge-patch+json" },
            new object[] { "string where integer belongs", "DELETE", ConfigMaps + "/existing", "{\"gracePeriodSeconds\":\"soon\"}", "application/json" },
            new object[] { "bad propagation policy", "DELETE", ConfigMaps + "/existing", "{\"propagationPolicy\":\"Sideways\"}", "application/json" },
            new object[] { "update with stale resourceVersion", "PUT", ConfigMaps + "/existing", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"existing\",\"resourceVersion\":\"1\"},\"data\":{\"a\":\"2\"}}", "application/json" },
            new object[] { "name mismatch on update", "PUT", ConfigMaps + "/existing", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"other\"}}", "application/json" },
            new object[] { "namespace mismatch", "POST", ConfigMaps, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"nm\",\"namespace\":\"kube-system\"}}", "application/json" },
            new object[] { "missing namespace", "POST", "/api/v1/namespaces/nowhere/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"mn\"}}", "application/json" },
            new object[] { "unknown resource", "GET", "/api/v1/namespaces/default/widgets", "", null! },
            new object[] { "unknown group", "GET", "/apis/nope.example.com/v1/things", "", null! },
            new object[] { "apply without field manager", "PATCH", ConfigMaps + "/existing", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}", "application/apply-patch+yaml" },
        };
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task BadRequestGetsAStatusAndChangesNothing(string what, string method, string path, string body, string? contentType)
    {
        using var api = new RawApi(fx.Server);
        await EnsureExistingAsync(api);
        var before = await SnapshotAsync(api);

        var (status, text) = await api.SendAsync(new HttpMethod(method), path, method == "GET" ? null : Encoding.UTF8.GetBytes(body), contentType);

        Assert.True(status is >= 400 and < 500, $"{what}: expected a 4xx, got {status}: {text}");
        var json = JsonNode.Parse(text) as JsonObject;
        Assert.True(json is not null && (string?)json["kind"] == "Status" && (string?)json["status"] == "Failure", $"{what}: expected a Status, got {text}");
        Assert.False(string.IsNullOrEmpty((string?)json!["reason"]), $"{what}: Status without a reason: {text}");
        Assert.Equal(status, (int)json["code"]!);

        var (health, _) = await api.SendAsync(HttpMethod.Get, "/readyz");
        Assert.Equal(200, health);
        Assert.Equal(before, await SnapshotAsync(api));
    }

    static async Task EnsureExistingAsync(RawApi api)
    {
        var (status, _) = await api.SendAsync(HttpMethod.Get, ConfigMaps + "/existing");
        if (status == 404)
            await api.SendAsync(HttpMethod.Post, ConfigMaps, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"existing\"},\"data\":{\"a\":\"1\"}}");
    }

    /// <summary>Everything stored in the kinds a bad request could touch, with resourceVersions.</summary>
    static async Task<string> SnapshotAsync(RawApi api)
    {
        var sb = new StringBuilder();
        foreach (var path in new[] { "/api/v1/configmaps", "/api/v1/secrets", "/api/v1/namespaces" })
        {
            var list = await api.GetJsonAsync(path);
            foreach (var item in (JsonArray)list["items"]!)
                sb.Append(item!["metadata"]!["namespace"]).Append('/').Append(item["metadata"]!["name"]).Append('@').Append(item["metadata"]!["resourceVersion"]).Append('\n');
        }
        return sb.ToString();
    }
}
