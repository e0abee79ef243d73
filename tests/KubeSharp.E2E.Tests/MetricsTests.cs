using System.Globalization;
using KubeSharp.E2E.Tests.Infrastructure;

namespace KubeSharp.E2E.Tests;

/// <summary>The API server's /metrics, read with kubectl as a monitoring client would.</summary>
public sealed class MetricsTests(SimulatedClusterFixture fx) : IClassFixture<SimulatedClusterFixture>
{
    Kubectl K => fx.Kubectl;

    static double Value(string metrics, string series)
    {
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no {series} in /metrics");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Controller_work_queues_are_served_in_prometheus_text()
    {
        var ns = await fx.NamespaceAsync("metrics");
        var before = await K.OkAsync("get", "--raw", "/metrics");
        await K.OkAsync("-n", ns, "create", "deployment", "web", "--image=busybox", "--replicas=3");
        await K.OkAsync("-n", ns, "rollout", "status", "deployment/web", "--timeout=60s");

        var after = await K.OkAsync("get", "--raw", "/metrics");
        Assert.Contains("# TYPE workqueue_depth gauge", after);
        Assert.Contains("# TYPE workqueue_queue_duration_seconds histogram", after);
        foreach (var queue in new[] { "deployment", "replicaset" })
        {
            Assert.True(Value(after, $"workqueue_adds_total{{name=\"{queue}\"}}") > Value(before, $"workqueue_adds_total{{name=\"{queue}\"}}"), queue);
            Assert.True(Value(after, $"workqueue_work_duration_seconds_count{{name=\"{queue}\"}}") > 0, queue);
            Assert.True(Value(after, $"workqueue_depth{{name=\"{queue}\"}}") >= 0, queue);
            Assert.Equal(
                Value(after, $"workqueue_queue_duration_seconds_count{{name=\"{queue}\"}}"),
                Value(after, $"workqueue_queue_duration_seconds_bucket{{name=\"{queue}\",le=\"+Inf\"}}"));
        }
        Assert.True(Value(after, "process_cpu_seconds_total") > 0);
        Assert.True(Value(after, "process_resident_memory_bytes") > 0);
    }

    [Fact]
    public async Task Writing_to_metrics_is_refused_with_a_status()
    {
        var result = await K.RunAsync(["create", "--raw", "/metrics", "-f", "-"], "{}", null);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("does not allow this method", result.Stderr + result.Stdout);
    }
}
