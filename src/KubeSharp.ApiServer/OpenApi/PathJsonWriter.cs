using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.OpenApi;

/// <summary>Writes <see cref="PathSpec"/>s as the <c>paths</c> object of an OpenAPI 3 or Swagger 2 document.</summary>
internal sealed class PathJsonWriter(bool v3, SchemaJsonWriter schemas)
{
    public JsonObject Write(IEnumerable<PathSpec> paths)
    {
        var result = new JsonObject();
        foreach (var path in paths.OrderBy(p => p.Path, StringComparer.Ordinal))
        {
            if (result[path.Path] is not JsonObject item)
            {
                result[path.Path] = item = new JsonObject();
                item["parameters"] = new JsonArray([.. path.Parameters.Select(Parameter)]);
            }
            foreach (var op in path.Operations) item[op.Method] = Operation(op);
        }
        return result;
    }

    JsonObject Operation(OperationSpec op)
    {
        var o = new JsonObject();
        if (!v3)
        {
            if (op.RequestContentTypes.Count > 0) o["consumes"] = Strings(op.RequestContentTypes);
            o["produces"] = Strings(op.ResponseContentTypes);
            o["schemes"] = Strings(["https"]);
        }
        o["tags"] = Strings([op.Tag]);
        o["description"] = op.Description;
        o["operationId"] = op.OperationId;

        var parameters = new JsonArray([.. op.Parameters.Select(Parameter)]);
        if (!v3 && op.RequestSchemaName is { } bodySchema)
            parameters.Add(new JsonObject { ["name"] = "body", ["in"] = "body", ["required"] = true, ["schema"] = schemas.RefTo(bodySchema) });
        if (parameters.Count > 0) o["parameters"] = parameters;

        if (v3 && op.RequestSchemaName is { } requestSchema)
        {
            var content = new JsonObject();
            foreach (var type in op.RequestContentTypes) content[type] = new JsonObject { ["schema"] = schemas.RefTo(requestSchema) };
            o["requestBody"] = new JsonObject { ["content"] = content, ["required"] = op.Method != "delete" };
        }

        var responses = new JsonObject();
        foreach (var r in op.Responses) responses[r.Code] = Response(r, op.ResponseContentTypes);
        o["responses"] = responses;
        o["x-kubernetes-action"] = op.Action;
        o["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = op.Gvk.Group, ["kind"] = op.Gvk.Kind, ["version"] = op.Gvk.Version };
        return o;
    }

    JsonObject Response(ResponseSpec r, IReadOnlyList<string> mediaTypes)
    {
        var o = new JsonObject { ["description"] = r.Description };
        if (r.SchemaName is null) return o;
        if (!v3)
        {
            o["schema"] = schemas.RefTo(r.SchemaName);
            return o;
        }
        var content = new JsonObject();
        foreach (var type in mediaTypes) content[type] = new JsonObject { ["schema"] = schemas.RefTo(r.SchemaName) };
        o["content"] = content;
        return o;
    }

    JsonObject Parameter(ParameterSpec p)
    {
        var o = new JsonObject { ["name"] = p.Name, ["in"] = p.In, ["description"] = p.Description };
        if (p.Required) o["required"] = true;
        if (v3) o["schema"] = new JsonObject { ["type"] = p.Type, ["uniqueItems"] = true };
        else
        {
            o["type"] = p.Type;
            o["uniqueItems"] = true;
        }
        return o;
    }

    static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);
}
