using KubeSharp.Api.Resources;

namespace KubeSharp.Api.Strategies;

/// <summary>The strategy of each built-in kind, for <see cref="BuiltInResources.Create"/>.</summary>
public static class BuiltInStrategies
{
    static readonly Dictionary<(string Group, string Kind), IResourceStrategy> Strategies = new()
    {
        [("", "Pod")] = new PodStrategy(),
        [("", "Service")] = new ServiceStrategy(),
        [("", "Namespace")] = new NamespaceStrategy(),
        [("", "Node")] = new NodeStrategy(),
        [("", "ConfigMap")] = new ConfigMapStrategy(),
        [("", "Secret")] = new SecretStrategy(),
        [("", "Event")] = new EventStrategy(),
        [("", "Endpoints")] = new EndpointsStrategy(),
        [("", "PersistentVolume")] = new PersistentVolumeStrategy(),
        [("", "PersistentVolumeClaim")] = new PersistentVolumeClaimStrategy(),
        [("", "ReplicationController")] = new ReplicationControllerStrategy(),
        [("", "PodTemplate")] = new PodTemplateStrategy(),
        [("apps", "Deployment")] = new DeploymentStrategy(),
        [("apps", "ReplicaSet")] = new ReplicaSetStrategy(),
        [("apps", "StatefulSet")] = new StatefulSetStrategy(),
        [("apps", "DaemonSet")] = new DaemonSetStrategy(),
        [("batch", "Job")] = new JobStrategy(),
        [("batch", "CronJob")] = new CronJobStrategy(),
        [("networking.k8s.io", "Ingress")] = new IngressStrategy(),
        [("networking.k8s.io", "IngressClass")] = new IngressClassStrategy(),
        [("networking.k8s.io", "NetworkPolicy")] = new NetworkPolicyStrategy(),
        [("storage.k8s.io", "StorageClass")] = new StorageClassStrategy(),
        [("storage.k8s.io", "CSIDriver")] = new CSIDriverStrategy(),
        [("discovery.k8s.io", "EndpointSlice")] = new EndpointSliceStrategy(),
        [("coordination.k8s.io", "Lease")] = new LeaseStrategy(),
        [("rbac.authorization.k8s.io", "Role")] = new RoleStrategy(clusterScoped: false),
        [("rbac.authorization.k8s.io", "ClusterRole")] = new RoleStrategy(clusterScoped: true),
        [("rbac.authorization.k8s.io", "RoleBinding")] = new RoleBindingStrategy(clusterScoped: false),
        [("rbac.authorization.k8s.io", "ClusterRoleBinding")] = new RoleBindingStrategy(clusterScoped: true),
        [("apiextensions.k8s.io", "CustomResourceDefinition")] = new CustomResourceDefinitionStrategy(),
    };

    /// <summary>Kinds that keep the generic behaviour but have a status subresource.</summary>
    static readonly HashSet<(string, string)> WithStatus =
    [
        ("", "ResourceQuota"), ("policy", "PodDisruptionBudget"), ("storage.k8s.io", "VolumeAttachment"),
    ];

    /// <summary>The strategy for a built-in kind; the generic one for kinds without special rules.</summary>
    public static IResourceStrategy For(string group, string kind) =>
        Strategies.TryGetValue((group, kind), out var s) ? s
        : WithStatus.Contains((group, kind)) ? DefaultStrategy.WithStatus
        : DefaultStrategy.Instance;
}
