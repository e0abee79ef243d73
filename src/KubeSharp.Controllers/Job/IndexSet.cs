using System.Globalization;
using System.Text;

namespace KubeSharp.Controllers.Job;

/// <summary>
/// A set of completion indexes kept as sorted, disjoint intervals, written as status.completedIndexes and
/// status.failedIndexes are ("1,3-5,7"; two neighbours print as "3,4", as upstream).
/// </summary>
public sealed class IndexSet
{
    readonly List<(int First, int Last)> _intervals;

    IndexSet(List<(int First, int Last)> intervals) => _intervals = intervals;

    public static IndexSet Empty => new([]);

    /// <summary>Parses the range form, dropping indexes at or beyond <paramref name="completions"/> and anything malformed.</summary>
    public static IndexSet Parse(string? text, int completions)
    {
        if (string.IsNullOrEmpty(text)) return Empty;
        var intervals = new List<(int, int)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-');
            if (!int.TryParse(dash < 0 ? part : part[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first)) continue;
            var last = first;
            if (dash >= 0 && !int.TryParse(part[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out last)) continue;
            if (first >= completions || last < first) continue;
            intervals.Add((first, Math.Min(last, completions - 1)));
        }
        return FromIntervals(intervals);
    }

    public static IndexSet Of(IEnumerable<int> indexes) => FromIntervals(indexes.Select(i => (i, i)));

    static IndexSet FromIntervals(IEnumerable<(int First, int Last)> intervals)
    {
        var merged = new List<(int First, int Last)>();
        foreach (var (first, last) in intervals.OrderBy(i => i.First))
        {
            if (merged.Count > 0 && first <= merged[^1].Last + 1)
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, last));
            else merged.Add((first, last));
        }
        return new IndexSet(merged);
    }

    /// <summary>How many indexes the set holds.</summary>
    public int Total => _intervals.Sum(i => i.Last - i.First + 1);

    public bool Contains(int index) => _intervals.Any(i => i.First <= index && index <= i.Last);

    public IndexSet With(IEnumerable<int> indexes) => FromIntervals(_intervals.Concat(indexes.Select(i => (i, i))));

    public IndexSet With(IndexSet other) => FromIntervals(_intervals.Concat(other._intervals));

    /// <summary>How many indexes this set and <paramref name="other"/> have in common.</summary>
    public int Overlap(IndexSet other)
    {
        // Both lists are sorted and disjoint: walk them together, advancing whichever interval ends first.
        int count = 0, i = 0, j = 0;
        while (i < _intervals.Count && j < other._intervals.Count)
        {
            var (a, b) = (_intervals[i], other._intervals[j]);
            count += Math.Max(0, Math.Min(a.Last, b.Last) - Math.Max(a.First, b.First) + 1);
            if (a.Last < b.Last) i++;
            else if (b.Last < a.Last) j++;
            else { i++; j++; }
        }
        return count;
    }

    public IEnumerable<int> Indexes => _intervals.SelectMany(i => Enumerable.Range(i.First, i.Last - i.First + 1));

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (first, last) in _intervals)
        {
            if (sb.Length > 0) sb.Append(',');
            sb.Append(first.ToString(CultureInfo.InvariantCulture));
            if (last != first) sb.Append(last == first + 1 ? ',' : '-').Append(last.ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
