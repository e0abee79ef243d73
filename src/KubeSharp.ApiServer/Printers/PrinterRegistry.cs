using System.Collections.Concurrent;
using KubeSharp.ApiServer.Printers.Apps;
using KubeSharp.ApiServer.Printers.Batch;
using KubeSharp.ApiServer.Printers.Cluster;
using KubeSharp.ApiServer.Printers.Core;
using KubeSharp.ApiServer.Printers.Networking;

namespace KubeSharp.ApiServer.Printers;

/// <summary>
/// Table printers by group and resource (plural). Unknown resources get NAME and AGE. Custom resources
/// are registered when their CRD is established and removed when it goes; safe for concurrent use.
/// </summary>
public sealed class PrinterRegistry
{
    readonly ConcurrentDictionary<(string Group, string Resource), ITablePrinter> _printers = new();

    public void Register(string group, string resource, ITablePrinter printer) => _printers[(group, resource)] = printer;

    public bool Unregister(string group, string resource) => _printers.TryRemove((group, resource), out _);

    public bool TryGet(string group, string resource, out ITablePrinter printer) =>
        _printers.TryGetValue((group, resource), out printer!);

    /// <summary>The printer for a resource, or NAME/AGE for one without its own.</summary>
    public ITablePrinter Get(string group, string resource) =>
        TryGet(group, resource, out var printer) ? printer : DefaultPrinters.NameAndAge;

    /// <summary>A registry with every built-in resource's printer.</summary>
    public static PrinterRegistry CreateBuiltIn()
    {
        var r = new PrinterRegistry();
        r.Register("", "pods", new PodPrinter());
        r.Register("", "nodes", new NodePrinter());
        r.Register("", "services", new ServicePrinter());
        r.Register("", "namespaces", CorePrinters.Namespaces);
        r.Register("", "endpoints", CorePrinters.Endpoints);
        r.Register("", "configmaps", CorePrinters.ConfigMaps);
        r.Register("", "secrets", CorePrinters.Secrets);
        r.Register("", "serviceaccounts", CorePrinters.ServiceAccounts);
        r.Register("", "events", CorePrinters.Events);
        r.Register("", "persistentvolumes", CorePrinters.PersistentVolumes);
        r.Register("", "persistentvolumeclaims", CorePrinters.PersistentVolumeClaims);
        r.Register("", "resourcequotas", CorePrinters.ResourceQuotas);
        r.Register("", "limitranges", CorePrinters.LimitRanges);
        r.Register("", "replicationcontrollers", CorePrinters.ReplicationControllers);

        r.Register("apps", "deployments", AppsPrinters.Deployments);
        r.Register("apps", "replicasets", AppsPrinters.ReplicaSets);
        r.Register("apps", "statefulsets", AppsPrinters.StatefulSets);
        r.Register("apps", "daemonsets", AppsPrinters.DaemonSets);
        r.Register("apps", "controllerrevisions", AppsPrinters.ControllerRevisions);

        r.Register("batch", "jobs", BatchPrinters.Jobs);
        r.Register("batch", "cronjobs", BatchPrinters.CronJobs);

        r.Register("networking.k8s.io", "ingresses", NetworkingPrinters.Ingresses);
        r.Register("networking.k8s.io", "ingressclasses", NetworkingPrinters.IngressClasses);
        r.Register("discovery.k8s.io", "endpointslices", NetworkingPrinters.EndpointSlices);

        r.Register("coordination.k8s.io", "leases", ClusterPrinters.Leases);
        r.Register("rbac.authorization.k8s.io", "roles", ClusterPrinters.Roles);
        r.Register("rbac.authorization.k8s.io", "clusterroles", ClusterPrinters.ClusterRoles);
        r.Register("rbac.authorization.k8s.io", "rolebindings", ClusterPrinters.RoleBindings);
        r.Register("rbac.authorization.k8s.io", "clusterrolebindings", ClusterPrinters.ClusterRoleBindings);
        r.Register("policy", "poddisruptionbudgets", ClusterPrinters.PodDisruptionBudgets);
        r.Register("storage.k8s.io", "storageclasses", ClusterPrinters.StorageClasses);
        r.Register("apiextensions.k8s.io", "customresourcedefinitions", ClusterPrinters.CustomResourceDefinitions);
        return r;
    }
}
