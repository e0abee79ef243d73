using System.ComponentModel;

namespace KubeSharp.Api.Model.ApiExtensions;

[Description("How a custom resource is converted between its versions.")]
public sealed record CustomResourceConversion
{
    [Proto(1), RequiredField, Description("None changes only apiVersion; Webhook calls an external converter.")]
    public string Strategy { get; init; } = "";
    [Proto(2), Description("The converter to call when the strategy is Webhook.")]
    public WebhookConversion? Webhook { get; init; }
}

[Description("An external conversion webhook.")]
public sealed record WebhookConversion
{
    [Proto(2), Description("How to reach the webhook.")]
    public WebhookClientConfig? ClientConfig { get; init; }
    [Proto(3), RequiredField, ListType("atomic"), Description("ConversionReview versions the webhook understands, in order of preference.")]
    public List<string>? ConversionReviewVersions { get; init; }
}

[Description("Address and trust settings of a webhook: a URL or an in-cluster service.")]
public sealed record WebhookClientConfig
{
    [Proto(3), Description("HTTPS URL of the webhook; excludes service.")]
    public string? Url { get; init; }
    [Proto(1), Description("In-cluster service hosting the webhook; excludes url.")]
    public ServiceReference? Service { get; init; }
    [Proto(2), Description("PEM certificate authorities that sign the webhook's serving certificate.")]
    public byte[]? CaBundle { get; init; }
}

[Description("A service that hosts a webhook.")]
public sealed record ServiceReference
{
    [Proto(1), RequiredField, Description("Namespace of the service.")]
    public string Namespace { get; init; } = "";
    [Proto(2), RequiredField, Description("Name of the service.")]
    public string Name { get; init; } = "";
    [Proto(3), Description("URL path requests are sent to.")]
    public string? Path { get; init; }
    [Proto(4), Description("Service port to call; unset means 443.")]
    public int? Port { get; init; }
}
