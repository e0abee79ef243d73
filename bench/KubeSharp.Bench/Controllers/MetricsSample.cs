using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace KubeSharp.Bench.Controllers;

/// <summary>
/// One scrape of the server's <c>/metrics</c>: the client-go work-queue series per queue name, and the process's
/// CPU seconds. Series are keyed "metric{name}" (bucket series are skipped; sums and counts are kept).
/// </summary>
public sealed record MetricsSample(long At, IReadOnlyDictionary<string, double> Series)
{
    public double Queue(string metric, string queue) => Series.GetValueOrDefault($"{metric}{{{queue}}}", double.NaN);

    public double CpuSeconds => Series.GetValueOrDefault("process_cpu_seconds_total", double.NaN);

    public static async Task<MetricsSample?> ScrapeAsync(KubeApi api, CancellationToken ct)
    {
        var r = await api.GetAsync("/metrics", ct);
        var at = Stopwatch.GetTimestamp();
        return r.IsSuccess ? Parse(Encoding.UTF8.GetString(r.Body), at) : null;
    }

    public static MetricsSample Parse(string text, long at)
    {
        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || line.Contains("_bucket{", StringComparison.Ordinal)) continue;
            var space = line.LastIndexOf(' ');
            if (space < 0 || !double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) continue;
            var name = line[..space];
            // workqueue_depth{name="replicaset"} → workqueue_depth{replicaset}
            var brace = name.IndexOf("{name=\"", StringComparison.Ordinal);
            if (brace >= 0) name = $"{name[..brace]}{{{name[(brace + 7)..].TrimEnd('}').TrimEnd('"')}}}";
            series[name] = value;
        }
        return new MetricsSample(at, series);
    }
}
