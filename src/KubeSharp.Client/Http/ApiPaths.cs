using System.Globalization;
using System.Text;
using KubeSharp.Api.Resources;

namespace KubeSharp.Client.Http;

/// <summary>REST paths and query strings, as the API server routes them.</summary>
public static class ApiPaths
{
    /// <summary><c>/api/v1[/namespaces/{ns}]/{resource}[/{name}[/{sub}]]</c> for the core group, <c>/apis/{group}/{version}/…</c> otherwise.</summary>
    public static string For(GroupVersionResource gvr, string? ns, string? name = null, string? subresource = null)
    {
        var sb = new StringBuilder(96);
        sb.Append(gvr.Group.Length == 0 ? "/api/" : $"/apis/{Escape(gvr.Group)}/").Append(Escape(gvr.Version));
        if (!string.IsNullOrEmpty(ns)) sb.Append("/namespaces/").Append(Escape(ns));
        sb.Append('/').Append(Escape(gvr.Resource));
        if (!string.IsNullOrEmpty(name))
        {
            sb.Append('/').Append(Escape(name));
            if (!string.IsNullOrEmpty(subresource)) sb.Append('/').Append(Escape(subresource));
        }
        return sb.ToString();
    }

    public static string Query(ListOptions? o, bool watch)
    {
        var q = new QueryBuilder();
        if (watch) q.Add("watch", "true");
        if (o is null) return q.ToString();
        q.Add("labelSelector", o.LabelSelector);
        q.Add("fieldSelector", o.FieldSelector);
        q.Add("resourceVersion", o.ResourceVersion);
        q.Add("resourceVersionMatch", o.ResourceVersionMatch);
        if (o.Limit > 0) q.Add("limit", o.Limit.ToString(CultureInfo.InvariantCulture));
        q.Add("continue", o.Continue);
        if (o.AllowWatchBookmarks) q.Add("allowWatchBookmarks", "true");
        if (o.TimeoutSeconds is { } t) q.Add("timeoutSeconds", t.ToString(CultureInfo.InvariantCulture));
        if (o.SendInitialEvents) q.Add("sendInitialEvents", "true");
        return q.ToString();
    }

    public static string Query(WriteOptions? o)
    {
        var q = new QueryBuilder();
        if (o is null) return q.ToString();
        q.Add("fieldManager", o.FieldManager);
        if (o.DryRun) q.Add("dryRun", "All");
        q.Add("fieldValidation", o.FieldValidation);
        if (o.Force) q.Add("force", "true");
        return q.ToString();
    }

    public static string ContentType(PatchType type) => type switch
    {
        PatchType.Json => "application/json-patch+json",
        PatchType.Merge => "application/merge-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        PatchType.Apply => "application/apply-patch+yaml",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    static string Escape(string segment) => Uri.EscapeDataString(segment);

    sealed class QueryBuilder
    {
        readonly StringBuilder _sb = new();

        public void Add(string key, string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            _sb.Append(_sb.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }

        public override string ToString() => _sb.ToString();
    }
}
