using System.Text;

namespace KubeSharp.Bench.Reporting;

/// <summary>
/// The results as a Markdown table. <c>scripts/bench.sh</c> appends its own rows (ready time, RSS) in the
/// same columns, so the header is the contract between the two.
/// </summary>
public static class MarkdownTable
{
    public const string Header = """
        | workload | count | concurrency | throughput | p50 | p99 | target | verdict | notes |
        |---|---:|---:|---:|---:|---:|---|---|---|
        """;

    public static string Render(IEnumerable<ResultRow> rows)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in rows)
            text.Append($"| {r.Workload} | {r.Count} | {r.Concurrency} | {r.Throughput} | {r.P50} | {r.P99} | {r.Target} | {Word(r.Verdict)} | {Escape(r.Notes)} |\n");
        return text.ToString();
    }

    static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Met => "met",
        Verdict.Missed => "**missed**",
        _ => "—",
    };

    static string Escape(string notes) => notes.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
