namespace KubeSharp.Api.Resources;

/// <summary>The built-in resources kubesharp serves, with upstream's names, scopes, short names and categories.</summary>
public static class BuiltInResources
{
    static ResourceDefinition R(string group, string version, string kind, string plural, bool namespaced,
        string[]? shortNames = null, string[]? categories = null, string[]? subresources = null, string[]? fieldSelectors = null, string[]? verbs = null) =>
        new()
        {
            Group = group,
            Version = version,
            Kind = kind,
            Plural = plural,
            Singular = kind.ToLowerInvariant(),
            Namespaced = namespaced,
            ShortNames = shortNames ?? [],
            Categories = categories ?? [],
            Subresources = subresources ?? [],
            FieldSelectors = fieldSelectors ?? [],
            Verbs = verbs ?? ResourceDefinition.StandardVerbs,
            Strategy = (subresources ?? []).Contains("status") ? DefaultStrategy.WithStatus : DefaultStrategy.Instance,
            Scale = (subresources ?? []).Contains("scale") ? new ScalePaths() : null,
        };

    static readonly string[] All = ["all"];

    /// <summary>Every built-in resource definition; strategies are set by <paramref name="strategyFor"/> when given.</summary>
    public static IReadOnlyList<ResourceDefinition> Create(Func<string, string, IResourceStrategy?>? strategyFor = null)
    {
        ResourceDefinition[] defs =
        [
            // core/v1
            R("", "v1", "Namespace", "namespaces", false, ["ns"], subresources: ["status", "finalize"], fieldSelectors: ["status.phase"]),
            R("", "v1", "Pod", "pods", true, ["po"], All, ["status", "binding", "eviction", "log", "exec", "attach", "portforward", "proxy", "ephemeralcontainers"],
                ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"]),
            R("", "v1", "Node", "nodes", false, ["no"], subresources: ["status", "proxy"], fieldSelectors: ["spec.unschedulable"]),
            R("", "v1", "Service", "services", true, ["svc"], All, ["status", "proxy"], ["spec.clusterIP", "spec.type"]),
            R("", "v1", "Endpoints", "endpoints", true, ["ep"]),
            R("", "v1", "ConfigMap", "configmaps", true, ["cm"]),
            R("", "v1", "Secret", "secrets", true, fieldSelectors: ["type"]),
            R("", "v1", "Event", "events", true, ["ev"], fieldSelectors:
                ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
                 "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"]),
            R("", "v1", "ServiceAccount", "serviceaccounts", true, ["sa"]),
            R("", "v1", "PersistentVolume", "persistentvolumes", false, ["pv"], subresources: ["status"], fieldSelectors: ["name"]),
            R("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, ["pvc"], subresources: ["status"], fieldSelectors: ["name"]),
            R("", "v1", "ResourceQuota", "resourcequotas", true, ["quota"], subresources: ["status"]),
            R("", "v1", "LimitRange", "limitranges", true, ["limits"]),
            R("", "v1", "ReplicationController", "replicationcontrollers", true, ["rc"], All, ["status", "scale"], ["status.replicas"]),
            R("", "v1", "PodTemplate", "podtemplates", true),
            R("", "v1", "ComponentStatus", "componentstatuses", false, ["cs"], verbs: ["get", "list"]),
            // apps/v1
            R("apps", "v1", "Deployment", "deployments", true, ["deploy"], All, ["status", "scale"]),
            R("apps", "v1", "ReplicaSet", "replicasets", true, ["rs"], All, ["status", "scale"], ["status.replicas"]),
            R("apps", "v1", "StatefulSet", "statefulsets", true, ["sts"], All, ["status", "scale"]),
            R("apps", "v1", "DaemonSet", "daemonsets", true, ["ds"], All, ["status"]),
            R("apps", "v1", "ControllerRevision", "controllerrevisions", true),
            // batch/v1
            R("batch", "v1", "Job", "jobs", true, categories: All, subresources: ["status"], fieldSelectors: ["status.successful"]),
            R("batch", "v1", "CronJob", "cronjobs", true, ["cj"], All, ["status"]),
            // autoscaling is served only through scale subresources; policy
            R("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, ["pdb"], subresources: ["status"]),
            // networking.k8s.io/v1
            R("networking.k8s.io", "v1", "Ingress", "ingresses", true, ["ing"], subresources: ["status"]),
            R("networking.k8s.io", "v1", "IngressClass", "ingressclasses", false),
            R("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, ["netpol"]),
            // storage.k8s.io/v1
            R("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, ["sc"]),
            R("storage.k8s.io", "v1", "CSIDriver", "csidrivers", false),
            R("storage.k8s.io", "v1", "VolumeAttachment", "volumeattachments", false, subresources: ["status"]),
            // coordination, discovery, events
            R("coordination.k8s.io", "v1", "Lease", "leases", true),
            R("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, fieldSelectors: ["addressType"]),
            R("events.k8s.io", "v1", "Event", "events", true, ["ev"], fieldSelectors:
                ["regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "reason", "reportingController", "type"]),
            // rbac.authorization.k8s.io/v1 (stored; enforcement comes with authorization)
            R("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
            R("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
            R("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
            R("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
            // apiextensions.k8s.io/v1
            R("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, ["crd", "crds"], subresources: ["status"]),
            // authorization.k8s.io/v1: answered at once, never stored
            R("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false, verbs: ["create"]) with { Virtual = true },
            R("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", false, verbs: ["create"]) with { Virtual = true },
            R("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", false, verbs: ["create"]) with { Virtual = true },
        ];
        if (strategyFor is null) return defs;
        return defs.Select(d => strategyFor(d.Group, d.Kind) is { } s ? d with { Strategy = s } : d).ToArray();
    }
}
