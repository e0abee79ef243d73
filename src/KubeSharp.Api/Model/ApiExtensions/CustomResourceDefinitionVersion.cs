using System.ComponentModel;
using System.Text.Json.Nodes;

namespace KubeSharp.Api.Model.ApiExtensions;

[Description("One version of a custom resource: its schema, subresources and table columns.")]
public sealed record CustomResourceDefinitionVersion
{
    [Proto(1), RequiredField, Description("Version name, used in the URL path, e.g. v1 or v2beta1.")]
    public string Name { get; init; } = "";
    [Proto(2), RequiredField, Description("Whether this version is served by the API.")]
    public bool? Served { get; init; }
    [Proto(3), RequiredField, Description("Whether objects are persisted in this version; exactly one version has it.")]
    public bool? Storage { get; init; }
    [Proto(7), Description("Whether clients get a deprecation warning when using this version.")]
    public bool? Deprecated { get; init; }
    [Proto(8), Description("Custom text for the deprecation warning.")]
    public string? DeprecationWarning { get; init; }
    [Proto(4), Description("Schema used to validate, prune and default objects of this version.")]
    public CustomResourceValidation? Schema { get; init; }
    [Proto(5), Description("Which subresources (status, scale) this version serves.")]
    public CustomResourceSubresources? Subresources { get; init; }
    [Proto(6), ListType("atomic"), Description("Extra columns kubectl get shows; unset shows the age only.")]
    public List<CustomResourceColumnDefinition>? AdditionalPrinterColumns { get; init; }
    [Proto(9), ListType("atomic"), Description("Paths that may be used in field selectors.")]
    public List<SelectableField>? SelectableFields { get; init; }
}

[Description("The schema of a custom resource version.")]
public sealed record CustomResourceValidation
{
    // Kept as raw JSON: the schema language is open-ended and is read by the schema converter.
    [Proto(1), PreserveUnknownFields, Description("Structural OpenAPI v3 schema of the objects.")]
    public JsonObject? OpenAPIV3Schema { get; init; }
}

[Description("Subresources a custom resource version serves.")]
public sealed record CustomResourceSubresources
{
    [Proto(1), Description("When set, .status is served at /status and ignored by writes to the main resource.")]
    public CustomResourceSubresourceStatus? Status { get; init; }
    [Proto(2), Description("When set, /scale is served, mapping replicas to the given paths.")]
    public CustomResourceSubresourceScale? Scale { get; init; }
}

[Description("Turns on the status subresource; has no fields.")]
public sealed record CustomResourceSubresourceStatus;

[Description("Where the scale subresource finds replicas and the selector in a custom object.")]
public sealed record CustomResourceSubresourceScale
{
    [Proto(1), RequiredField, Description("JSON path of the desired replicas under .spec, e.g. .spec.replicas.")]
    public string SpecReplicasPath { get; init; } = "";
    [Proto(2), RequiredField, Description("JSON path of the observed replicas under .status, e.g. .status.replicas.")]
    public string StatusReplicasPath { get; init; } = "";
    [Proto(3), Description("JSON path under .status of the label selector in string form, for autoscalers.")]
    public string? LabelSelectorPath { get; init; }
}

[Description("An extra column shown by kubectl get.")]
public sealed record CustomResourceColumnDefinition
{
    [Proto(1), RequiredField, Description("Column header.")]
    public string Name { get; init; } = "";
    [Proto(2), RequiredField, Description("OpenAPI type of the value: integer, number, string, boolean or date.")]
    public string Type { get; init; } = "";
    [Proto(3), Description("OpenAPI format refining the type, e.g. int32 or date-time.")]
    public string? Format { get; init; }
    [Proto(4), Description("Human-readable explanation of the column.")]
    public string? Description { get; init; }
    [Proto(5), Description("0 shows the column always; higher values only in wide output.")]
    public int? Priority { get; init; }
    [Proto(6), RequiredField, Description("Simple JSON path, evaluated on each object, giving the value.")]
    public string JsonPath { get; init; } = "";
}

[Description("A field of a custom resource that field selectors may use.")]
public sealed record SelectableField
{
    [Proto(1), RequiredField, Description("Simple JSON path to a string, integer or boolean field, e.g. .spec.color.")]
    public string JsonPath { get; init; } = "";
}
