using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Images;
using KubeSharp.Node.Images.Registry;
using KubeSharp.Node.Kubelet.Images;
using KubeSharp.Node.Kubelet.Pods;

namespace KubeSharp.Node.Tests.Kubelet;

public sealed class ImageManagerTests
{
    const string Registry = "registry.example.com:5000";
    static readonly string Image = $"{Registry}/team/app:v1";

    readonly ManualTime _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    static LocalImage Local(string reference) =>
        new("sha256:" + new string('a', 64), [reference], "sha256:" + new string('b', 64),
            new ImageConfigFile("amd64", "linux", null, new ImageRootFs("layers", [])), []);

    sealed class Store(params LocalImage[] images) : IImageStore
    {
        public Task<LocalImage?> GetImageAsync(string referenceOrId, CancellationToken cancellationToken) =>
            Task.FromResult(images.FirstOrDefault(i => i.References.Contains(ImageReference.Parse(referenceOrId).ToString())));
        public Task<IReadOnlyList<string>> ImportAsync(string tarballPath, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<LocalImage>> ListImagesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<LocalImage>>(images);
        public Task<bool> RemoveReferenceAsync(string reference, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<OciDescriptor> WriteBlobAsync(Stream content, string mediaType, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<LocalImage> TagAsync(string reference, OciDescriptor manifest, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<string>> GetLayerDirectoriesAsync(LocalImage image, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    /// <summary>A registry that accepts one login (or anyone when null) and can be made unreachable.</summary>
    sealed class Puller((string User, string Password)? login) : IImagePuller
    {
        public List<RegistryCredentials?> Attempts { get; } = [];
        public bool Unreachable { get; set; }

        public Task<LocalImage> PullAsync(ImageReference reference, CancellationToken cancellationToken) => PullAsync(reference, null, cancellationToken);

        public Task<LocalImage> PullAsync(ImageReference reference, RegistryCredentials? credentials, CancellationToken cancellationToken)
        {
            Attempts.Add(credentials);
            if (Unreachable) throw new ImagePullException($"dial tcp {reference.Domain}: connection refused", ImagePullFailure.RegistryError);
            if (login is { } l && (credentials?.Username, credentials?.Password) != (l.User, l.Password))
                throw new ImagePullException($"authorization failed: {reference.Domain}/{reference.Path}: 401 Unauthorized", ImagePullFailure.Unauthorized);
            return Task.FromResult(Local(reference.ToString()));
        }
    }

    static Pod PodWith(string? pullSecret = null, string policy = "Always") => new()
    {
        Metadata = new() { Name = "p", Namespace = "ns", Uid = "uid-1" },
        Spec = new PodSpec
        {
            ImagePullSecrets = pullSecret is null ? null : [new LocalObjectReference { Name = pullSecret }],
            Containers = [new Container { Name = "c", Image = Image, ImagePullPolicy = policy }],
        },
    };

    static JsonObject DockerConfigSecret(string name, string user, string password, string type = PullSecretResolver.DockerConfigJsonType)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        var config = type == PullSecretResolver.DockerConfigJsonType
            ? new JsonObject { ["auths"] = new JsonObject { [Registry] = new JsonObject { ["auth"] = auth } } }.ToJsonString()
            : new JsonObject { [Registry + "/team"] = new JsonObject { ["username"] = user, ["password"] = password } }.ToJsonString();
        var key = type == PullSecretResolver.DockerConfigJsonType ? PullSecretResolver.DockerConfigJsonKey : PullSecretResolver.DockerCfgKey;
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns" },
            ["type"] = type,
            ["data"] = new JsonObject { [key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(config)) },
        };
    }

    static PodEvents Events(Pod pod) => new(null, pod);

    [Fact]
    public async Task Pulls_with_the_login_of_the_pods_pull_secret()
    {
        var api = new InMemoryObjects();
        api.Put("secrets", DockerConfigSecret("regcred", "robot", "s3cret"));
        var puller = new Puller(("robot", "s3cret"));
        var images = new ImageManager(new Store(), puller, _time, new PullSecretResolver(api));
        var pod = PodWith("regcred");

        var result = await images.EnsureAsync(pod.Spec!.Containers![0], pod, Events(pod), CancellationToken.None);

        Assert.NotNull(result.Image);
        Assert.Equal(("robot", "s3cret"), (puller.Attempts.Single()!.Username, puller.Attempts.Single()!.Password));
    }

    [Fact]
    public async Task A_pod_without_pull_secrets_uses_its_service_accounts()
    {
        var api = new InMemoryObjects();
        api.Put("secrets", DockerConfigSecret("legacy", "robot", "s3cret", PullSecretResolver.DockerCfgType));
        api.Put("serviceaccounts", new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "builder", ["namespace"] = "ns" },
            ["imagePullSecrets"] = new JsonArray(new JsonObject { ["name"] = "legacy" }),
        });
        var puller = new Puller(("robot", "s3cret"));
        var images = new ImageManager(new Store(), puller, _time, new PullSecretResolver(api));
        var pod = PodWith() with { Spec = PodWith().Spec! with { ServiceAccountName = "builder" } };

        var result = await images.EnsureAsync(pod.Spec!.Containers![0], pod, Events(pod), CancellationToken.None);

        Assert.NotNull(result.Image);
        Assert.Equal("robot", puller.Attempts.Single()!.Username);
    }

    [Fact]
    public async Task Refused_login_is_ErrImagePull_then_ImagePullBackOff_even_with_the_image_on_the_node()
    {
        var api = new InMemoryObjects();
        var puller = new Puller(("robot", "s3cret"));
        // Another pod pulled the private image before; Always must not hand it to a pod without the login.
        var images = new ImageManager(new Store(Local(Image)), puller, _time, new PullSecretResolver(api));
        var pod = PodWith("missing");
        var container = pod.Spec!.Containers![0];

        var first = await images.EnsureAsync(container, pod, Events(pod), CancellationToken.None);
        Assert.Null(first.Image);
        Assert.Equal("ErrImagePull", first.Reason);
        Assert.Contains("authorization failed", first.Message);
        Assert.StartsWith($"Failed to pull image \"{Image}\": ", first.Message);
        Assert.Null(puller.Attempts.Single());

        var second = await images.EnsureAsync(container, pod, Events(pod), CancellationToken.None);
        Assert.Equal("ImagePullBackOff", second.Reason);
        Assert.Equal($"Back-off pulling image \"{Image}\"", second.Message);
        Assert.Single(puller.Attempts);

        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal("ErrImagePull", (await images.EnsureAsync(container, pod, Events(pod), CancellationToken.None)).Reason);
        Assert.Equal(2, puller.Attempts.Count);
    }

    [Fact]
    public async Task Unreachable_registry_falls_back_to_the_image_on_the_node()
    {
        var puller = new Puller(null) { Unreachable = true };
        var images = new ImageManager(new Store(Local(Image)), puller, _time, new PullSecretResolver(new InMemoryObjects()));
        var pod = PodWith();

        var result = await images.EnsureAsync(pod.Spec!.Containers![0], pod, Events(pod), CancellationToken.None);

        Assert.NotNull(result.Image);
        Assert.Single(puller.Attempts);
    }

    [Fact]
    public void Only_docker_config_secret_types_count()
    {
        var secret = KubeSharp.Api.Model.KubeJson.Deserialize<Secret>(DockerConfigSecret("s", "u", "p"))!;
        Assert.Equal(1, PullSecretResolver.Parse(secret)!.Count);
        Assert.Null(PullSecretResolver.Parse(secret with { Type = "Opaque" }));
        var broken = secret with { Data = new() { [PullSecretResolver.DockerConfigJsonKey] = "not json"u8.ToArray() } };
        Assert.Contains("\"s\"", Assert.Throws<FormatException>(() => PullSecretResolver.Parse(broken)).Message);
    }

    [Fact]
    public void Container_hash_changes_with_the_image_only()
    {
        var c = new Container { Name = "c", Image = "busybox:1" };
        var hash = ContainerHash.Of(c);
        Assert.Equal(hash, ContainerHash.Of(c with { Args = ["x"] }));
        Assert.NotEqual(hash, ContainerHash.Of(c with { Image = "busybox:2" }));
        Assert.True(ContainerHash.Changed(c with { Image = "busybox:2" }, new Dictionary<string, string> { [KubeSharp.Node.Kubelet.KubeletLabels.ContainerHash] = hash }));
        Assert.False(ContainerHash.Changed(c, new Dictionary<string, string> { [KubeSharp.Node.Kubelet.KubeletLabels.ContainerHash] = hash }));
        Assert.False(ContainerHash.Changed(c with { Image = "busybox:2" }, new Dictionary<string, string>()));
    }
}
