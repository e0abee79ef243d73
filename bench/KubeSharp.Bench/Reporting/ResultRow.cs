namespace KubeSharp.Bench.Reporting;

public enum Verdict { NotJudged, Met, Missed }

/// <summary>One line of the results table, already formatted.</summary>
public sealed record ResultRow(
    string Workload,
    string Count,
    string Concurrency,
    string Throughput,
    string P50,
    string P99,
    string Target,
    Verdict Verdict,
    string Notes = "")
{
    public static string Ms(double ms) => double.IsNaN(ms) ? "—" : ms < 10 ? $"{ms:0.00} ms" : $"{ms:0.0} ms";

    public static string Number(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    public static Verdict Judge(bool judged, bool met) => !judged ? Verdict.NotJudged : met ? Verdict.Met : Verdict.Missed;
}
