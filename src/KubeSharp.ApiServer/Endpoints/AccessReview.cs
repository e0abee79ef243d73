using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.ApiServer.Registry;

namespace KubeSharp.ApiServer.Endpoints;

/// <summary>
/// Answers the authorization.k8s.io reviews (kubectl auth can-i). Until RBAC is enforced every
/// authenticated user may do everything, and the answers say exactly that.
/// </summary>
public static class AccessReview
{
    public static JsonObject Answer(ResourceDefinition def, JsonObject review, UserInfo user)
    {
        var answer = (JsonObject)review.DeepClone();
        answer["apiVersion"] = def.ApiVersion;
        answer["kind"] = def.Kind;
        answer["metadata"] ??= new JsonObject();
        answer["status"] = def.Kind switch
        {
            "SelfSubjectRulesReview" => new JsonObject
            {
                ["resourceRules"] = new JsonArray(new JsonObject { ["verbs"] = new JsonArray("*"), ["apiGroups"] = new JsonArray("*"), ["resources"] = new JsonArray("*") }),
                ["nonResourceRules"] = new JsonArray(new JsonObject { ["verbs"] = new JsonArray("*"), ["nonResourceURLs"] = new JsonArray("*") }),
                ["incomplete"] = false,
            },
            _ => new JsonObject { ["allowed"] = true, ["reason"] = $"user {user.Name} is authenticated and authorization is not enforced" },
        };
        return answer;
    }
}
