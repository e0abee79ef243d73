using KubeSharp.Api.Resources;

namespace KubeSharp.ApiServer.OpenApi;

/// <summary>One parameter of a path or operation.</summary>
internal sealed record ParameterSpec(string Name, string In, string Type, string Description, bool Required = false);

/// <summary>One response: status code, description and the definition its body follows (if any).</summary>
internal sealed record ResponseSpec(string Code, string Description, string? SchemaName);

/// <summary>
/// One operation, independent of the OpenAPI version it is written in. <see cref="RequestContentTypes"/>
/// empty means the operation takes no body.
/// </summary>
internal sealed record OperationSpec(
    string Method,
    string Action,
    string OperationId,
    string Tag,
    string Description,
    GroupVersionKind Gvk,
    IReadOnlyList<ParameterSpec> Parameters,
    string? RequestSchemaName,
    IReadOnlyList<string> RequestContentTypes,
    IReadOnlyList<string> ResponseContentTypes,
    IReadOnlyList<ResponseSpec> Responses);

/// <summary>A path with its shared parameters and its operations.</summary>
internal sealed record PathSpec(string Path, IReadOnlyList<ParameterSpec> Parameters, IReadOnlyList<OperationSpec> Operations);
