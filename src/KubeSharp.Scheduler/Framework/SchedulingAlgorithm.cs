using KubeSharp.Scheduler.Cache;

namespace KubeSharp.Scheduler.Framework;

/// <summary>Where a scheduling cycle ended: a host, or why there is none.</summary>
public sealed record ScheduleOutcome(string? Host, FitError? FitError, int EvaluatedNodes, int FeasibleNodes)
{
    public const string NoNodesAvailable = "no nodes available to schedule pods";

    public bool Succeeded => Host is not null;

    /// <summary>The message for the PodScheduled condition and the FailedScheduling event.</summary>
    public string FailureMessage => FitError?.Message ?? NoNodesAvailable;
}

/// <summary>
/// One scheduling cycle as upstream's schedulePod runs it: PreFilter, Filter over a rotating sample of
/// nodes (stopping once enough fit), PostFilter when none fits, then PreScore, Score, normalise, weight,
/// and pick the best node (ties broken at random). Not thread-safe: one cycle at a time.
/// </summary>
public sealed class SchedulingAlgorithm(Profile profile, SchedulerOptions options, Random? random = null)
{
    /// <summary>Below this many nodes every node is checked.</summary>
    public const int MinFeasibleNodesToFind = 100;
    public const int MinFeasibleNodesPercentageToFind = 5;

    readonly Random _random = random ?? new Random();
    // Reused from cycle to cycle (cycles never overlap) so that a cycle leaves little garbage behind.
    readonly List<IFilterPlugin> _filters = [];
    readonly List<NodeInfo> _feasible = [];
    long[] _totals = [];
    long[] _scores = [];
    int _nextStartNodeIndex;

    public Profile Profile => profile;

    public ScheduleOutcome Schedule(PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        if (nodes.Count == 0) return new ScheduleOutcome(null, null, 0, 0);
        var state = new CycleState();

        foreach (var p in profile.PreFilters)
        {
            var status = p.PreFilter(state, pod, nodes);
            if (status.IsSkip) state.SkipFilter(p.Name);
            else if (status.IsRejected)
            {
                var rejected = new Diagnosis { PreFilterMessage = status.Message };
                rejected.UnschedulablePlugins.Add(p.Name);
                foreach (var n in nodes) rejected.NodeToStatus[n.Name] = status;
                return Fail(state, pod, nodes.Count, rejected, 0);
            }
            else if (!status.IsSuccess) throw new InvalidOperationException($"{p.Name} PreFilter: {status.Message}");
        }

        _filters.Clear();
        foreach (var f in profile.Filters)
            if (!state.FilterSkipped(f.Name)) _filters.Add(f);
        _feasible.Clear();
        Diagnosis? diagnosis = null;
        var evaluated = FindFeasible(state, pod, nodes, ref diagnosis);
        if (_feasible.Count == 0) return Fail(state, pod, nodes.Count, diagnosis ?? new Diagnosis(), evaluated);
        if (_feasible.Count == 1) return new ScheduleOutcome(_feasible[0].Name, null, evaluated, 1);

        var totals = Score(state, pod, nodes);
        return new ScheduleOutcome(SelectHost(totals), null, evaluated, _feasible.Count);
    }

    ScheduleOutcome Fail(CycleState state, PodInfo pod, int numNodes, Diagnosis diagnosis, int evaluated)
    {
        foreach (var p in profile.PostFilters)
            if (p.PostFilter(state, pod, diagnosis, numNodes) is { Length: > 0 } message)
            {
                diagnosis.PostFilterMessage = message;
                break;
            }
        return new ScheduleOutcome(null, new FitError(numNodes, diagnosis), evaluated, 0);
    }

    /// <summary>How many feasible nodes are enough: all below 100 nodes, else a share of them (upstream's percentageOfNodesToScore).</summary>
    public int NumFeasibleNodesToFind(int numAllNodes)
    {
        if (numAllNodes < MinFeasibleNodesToFind) return numAllNodes;
        var percentage = options.PercentageOfNodesToScore;
        if (percentage <= 0) percentage = Math.Max(MinFeasibleNodesPercentageToFind, 50 - numAllNodes / 125);
        if (percentage >= 100) return numAllNodes;
        return Math.Max(MinFeasibleNodesToFind, numAllNodes * percentage / 100);
    }

    int FindFeasible(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, ref Diagnosis? diagnosis)
    {
        var n = nodes.Count;
        var wanted = NumFeasibleNodesToFind(n);
        var start = _nextStartNodeIndex % n;
        int evaluated;
        if (_filters.Count == 0)
        {
            for (var i = 0; i < wanted; i++) _feasible.Add(nodes[(start + i) % n]);
            evaluated = wanted;
        }
        else if (n >= options.ParallelFilterThreshold && Environment.ProcessorCount > 1)
        {
            evaluated = FilterParallel(state, pod, nodes, start, wanted, ref diagnosis);
        }
        else
        {
            evaluated = 0;
            for (var i = 0; i < n && _feasible.Count < wanted; i++)
            {
                var node = nodes[(start + i) % n];
                evaluated++;
                var status = RunFilters(state, pod, node, _filters);
                if (status is null) _feasible.Add(node);
                else Record(ref diagnosis, node, status);
            }
        }
        _nextStartNodeIndex = (start + evaluated) % n;
        return evaluated;
    }

    int FilterParallel(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, int start, int wanted, ref Diagnosis? diagnosis)
    {
        var n = nodes.Count;
        var results = new Status?[n];
        var done = new bool[n];
        var found = 0;
        var filters = _filters;
        const int chunk = 64;
        var chunks = (n + chunk - 1) / chunk;
        Parallel.For(0, chunks, (c, loop) =>
        {
            var end = Math.Min(n, (c + 1) * chunk);
            for (var i = c * chunk; i < end; i++)
            {
                if (Volatile.Read(ref found) >= wanted) { loop.Stop(); return; }
                results[i] = RunFilters(state, pod, nodes[(start + i) % n], filters);
                done[i] = true;
                if (results[i] is null) Interlocked.Increment(ref found);
            }
        });
        var evaluated = 0;
        for (var i = 0; i < n; i++)
        {
            if (!done[i]) continue;
            evaluated++;
            var node = nodes[(start + i) % n];
            if (results[i] is { } status) Record(ref diagnosis, node, status);
            else if (_feasible.Count < wanted) _feasible.Add(node);
        }
        return evaluated;
    }

    static void Record(ref Diagnosis? diagnosis, NodeInfo node, Status status)
    {
        diagnosis ??= new Diagnosis();
        diagnosis.NodeToStatus[node.Name] = status;
        if (status.Plugin is not null) diagnosis.UnschedulablePlugins.Add(status.Plugin);
    }

    /// <summary>Null when every filter passes, else the first rejection (as upstream, later filters are not run).</summary>
    static Status? RunFilters(CycleState state, PodInfo pod, NodeInfo node, List<IFilterPlugin> filters)
    {
        for (var i = 0; i < filters.Count; i++)
        {
            var f = filters[i];
            var status = f.Filter(state, pod, node);
            if (!status.IsSuccess) return status.IsRejected ? status : throw new InvalidOperationException($"{f.Name} Filter on {node.Name}: {status.Message}");
        }
        return null;
    }

    Span<long> Score(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> all)
    {
        var count = _feasible.Count;
        foreach (var p in profile.PreScores)
            if (p.PreScore(state, pod, _feasible, all).IsSkip) state.SkipScore(p.Name);
        if (_totals.Length < count)
        {
            _totals = new long[count];
            _scores = new long[count];
        }
        var totals = _totals.AsSpan(0, count);
        var scores = _scores.AsSpan(0, count);
        totals.Clear();
        foreach (var (plugin, weight) in profile.Scores)
        {
            if (state.ScoreSkipped(plugin.Name)) continue;
            for (var i = 0; i < count; i++) scores[i] = plugin.Score(state, pod, _feasible[i]);
            plugin.NormalizeScore(state, pod, _feasible, scores);
            for (var i = 0; i < count; i++) totals[i] += scores[i] * weight;
        }
        return totals;
    }

    /// <summary>The highest total; among equals each has the same chance (reservoir sampling).</summary>
    string SelectHost(Span<long> totals)
    {
        var best = 0;
        var ties = 1;
        for (var i = 1; i < totals.Length; i++)
        {
            if (totals[i] > totals[best])
            {
                best = i;
                ties = 1;
            }
            else if (totals[i] == totals[best] && _random.Next(++ties) == 0)
            {
                best = i;
            }
        }
        return _feasible[best].Name;
    }
}
