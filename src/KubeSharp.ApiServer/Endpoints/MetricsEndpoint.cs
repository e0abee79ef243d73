using System.Diagnostics;
using System.Globalization;
using System.Text;
using KubeSharp.Api.Errors;
using KubeSharp.Client.Queue;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Endpoints;

/// <summary>
/// <c>GET /metrics</c> for authenticated clients (upstream also requires it), in Prometheus text format: the
/// in-process controllers' work queues with client-go's names, and the process's CPU time and resident memory,
/// so a benchmark can watch queues drain and CPU burn without a profiler.
/// </summary>
public sealed class MetricsEndpoint(WorkQueueMetricsRegistry? queues)
{
    public const string Path = "/metrics";
    const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public async Task<bool> TryServeAsync(HttpContext http, string path)
    {
        if (path != Path) return false;
        if (http.Request.Method is not ("GET" or "HEAD"))
            throw StatusError.MethodNotAllowed($"the server does not allow this method on the requested resource ({http.Request.Method} {Path})");
        var text = new StringBuilder(queues?.ToPrometheusText() ?? "");
        AppendProcess(text);
        await Responses.WriteBytesAsync(http, 200, ContentType, Encoding.UTF8.GetBytes(text.ToString()));
        return true;
    }

    static void AppendProcess(StringBuilder text)
    {
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime.TotalSeconds.ToString("R", CultureInfo.InvariantCulture);
        var rss = self.WorkingSet64.ToString(CultureInfo.InvariantCulture);
        text.Append("# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n")
            .Append("# TYPE process_cpu_seconds_total counter\n")
            .Append("process_cpu_seconds_total ").Append(cpu).Append('\n')
            .Append("# HELP process_resident_memory_bytes Resident memory size in bytes.\n")
            .Append("# TYPE process_resident_memory_bytes gauge\n")
            .Append("process_resident_memory_bytes ").Append(rss).Append('\n');
    }
}
