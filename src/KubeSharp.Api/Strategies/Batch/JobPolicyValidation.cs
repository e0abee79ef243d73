using System.Globalization;
using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>
/// The parts of upstream's validateJobSpec about failure and success handling: backoffLimitPerIndex,
/// maxFailedIndexes, podFailurePolicy, successPolicy and podReplacementPolicy, worded as upstream.
/// </summary>
public static class JobPolicyValidation
{
    const int MaxParallelismForIndexedJob = 100_000;
    const int MaxFailedIndexesForIndexedJob = 100_000;
    const int CompletionsSoftLimit = 100_000;
    const int ParallelismLimitForHighCompletions = 10_000;
    const int MaxFailedIndexesLimitForHighCompletions = 10_000;
    const int MaxPodFailurePolicyRules = 20;
    const int MaxOnExitCodesValues = 255;
    const int MaxOnPodConditionsPatterns = 20;
    const int MaxSucceededIndexesLength = 64 * 1024;
    const int MaxSuccessPolicyRules = 20;

    // Upstream lists supported values sorted (sets.List).
    static readonly IReadOnlyList<string> Actions = ["Count", "FailIndex", "FailJob", "Ignore"];
    static readonly IReadOnlyList<string> Operators = ["In", "NotIn"];
    static readonly IReadOnlyList<string> ConditionStatuses = ["False", "True", "Unknown"];
    static readonly IReadOnlyList<string> ReplacementPolicies = ["Failed", "TerminatingOrFailed"];

    public static IEnumerable<FieldError> Validate(JsonObject? spec, string path)
    {
        var errs = new List<FieldError>();
        var completions = Json.Int(spec, "completions");
        var parallelism = Json.Int(spec, "parallelism");
        var perIndex = Json.Int(spec, "backoffLimitPerIndex");
        var maxFailed = Json.Int(spec, "maxFailedIndexes");
        errs.AddRange(FieldChecks.NonNegative(perIndex, path + ".backoffLimitPerIndex"));
        if (maxFailed is not null)
        {
            errs.AddRange(FieldChecks.NonNegative(maxFailed, path + ".maxFailedIndexes"));
            if (perIndex is null) errs.Add(FieldError.Required(path + ".backoffLimitPerIndex", "when maxFailedIndexes is specified"));
        }

        var indexed = Json.Str(spec, "completionMode") == "Indexed";
        if (indexed)
        {
            if (parallelism > MaxParallelismForIndexedJob)
                errs.Add(FieldError.Invalid(path + ".parallelism", parallelism, $"must be less than or equal to {MaxParallelismForIndexedJob} when completion mode is Indexed"));
            if (completions is not null && maxFailed > completions)
                errs.Add(FieldError.Invalid(path + ".maxFailedIndexes", maxFailed, "must be less than or equal to completions"));
            if (maxFailed > MaxFailedIndexesForIndexedJob)
                errs.Add(FieldError.Invalid(path + ".maxFailedIndexes", maxFailed, $"must be less than or equal to {MaxFailedIndexesForIndexedJob}"));
            if (completions > CompletionsSoftLimit && perIndex is not null)
            {
                if (maxFailed is null)
                    errs.Add(FieldError.Required(path + ".maxFailedIndexes", $"must be specified when completions is above {CompletionsSoftLimit}"));
                var highCompletions = $"when completions are above {CompletionsSoftLimit} and used with backoff limit per index";
                if (parallelism > ParallelismLimitForHighCompletions)
                    errs.Add(FieldError.Invalid(path + ".parallelism", parallelism, $"must be less than or equal to {ParallelismLimitForHighCompletions} {highCompletions}"));
                if (maxFailed > MaxFailedIndexesLimitForHighCompletions)
                    errs.Add(FieldError.Invalid(path + ".maxFailedIndexes", maxFailed, $"must be less than or equal to {MaxFailedIndexesLimitForHighCompletions} {highCompletions}"));
            }
        }
        else
        {
            if (perIndex is not null) errs.Add(FieldError.Invalid(path + ".backoffLimitPerIndex", perIndex, "requires indexed completion mode"));
            if (maxFailed is not null) errs.Add(FieldError.Invalid(path + ".maxFailedIndexes", maxFailed, "requires indexed completion mode"));
        }

        if (spec?["podFailurePolicy"] is JsonObject failurePolicy)
            errs.AddRange(ValidatePodFailurePolicy(spec, failurePolicy, path + ".podFailurePolicy"));
        if (spec?["successPolicy"] is JsonObject successPolicy)
        {
            if (!indexed) errs.Add(FieldError.Invalid(path + ".successPolicy", successPolicy, "requires indexed completion mode"));
            else errs.AddRange(ValidateSuccessPolicy(successPolicy, completions ?? 0, path + ".successPolicy"));
        }
        errs.AddRange(ValidatePodReplacementPolicy(spec, path + ".podReplacementPolicy"));
        return errs;
    }

    static IEnumerable<FieldError> ValidatePodReplacementPolicy(JsonObject? spec, string path)
    {
        if (Json.Str(spec, "podReplacementPolicy") is not { } policy) yield break;
        if (spec?["podFailurePolicy"] is JsonObject)
        {
            if (policy != "Failed") yield return FieldError.NotSupported(path, policy, ["Failed"]);
        }
        else if (!ReplacementPolicies.Contains(policy)) yield return FieldError.NotSupported(path, policy, ReplacementPolicies);
    }

    static IEnumerable<FieldError> ValidatePodFailurePolicy(JsonObject spec, JsonObject policy, string path)
    {
        var rulesPath = path + ".rules";
        var rules = Json.Items(policy["rules"]).ToList();
        if (rules.Count > MaxPodFailurePolicyRules) yield return FieldError.TooMany(rulesPath, rules.Count, MaxPodFailurePolicyRules);
        var containerNames = Json.Items(Json.At(spec, "template", "spec", "containers"))
            .Concat(Json.Items(Json.At(spec, "template", "spec", "initContainers")))
            .Select(c => Json.Str(c.Item, "name")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var perIndex = spec["backoffLimitPerIndex"] is not null;
        foreach (var (i, rule) in rules)
            foreach (var e in ValidateRule(rule, $"{rulesPath}[{i}]", containerNames, perIndex)) yield return e;
    }

    static IEnumerable<FieldError> ValidateRule(JsonObject rule, string path, HashSet<string> containerNames, bool perIndex)
    {
        var action = Json.Str(rule, "action") ?? "";
        if (action.Length == 0) yield return FieldError.Required(path + ".action", "valid values: " + GoQuotedList(Actions));
        else if (action == "FailIndex")
        {
            if (!perIndex) yield return FieldError.Invalid(path + ".action", action, "requires the backoffLimitPerIndex to be set");
        }
        else if (!Actions.Contains(action)) yield return FieldError.NotSupported(path + ".action", action, Actions);

        var onExitCodes = rule["onExitCodes"] as JsonObject;
        var onPodConditions = Json.Items(rule["onPodConditions"]).ToList();
        if (onExitCodes is not null)
            foreach (var e in ValidateOnExitCodes(onExitCodes, path + ".onExitCodes", containerNames)) yield return e;
        if (onPodConditions.Count > 0)
            foreach (var e in ValidateOnPodConditions(onPodConditions, path + ".onPodConditions")) yield return e;
        if (onExitCodes is not null && onPodConditions.Count > 0)
            yield return FieldError.Invalid(path, FieldError.OmitValue, "specifying both OnExitCodes and OnPodConditions is not supported");
        if (onExitCodes is null && onPodConditions.Count == 0)
            yield return FieldError.Invalid(path, FieldError.OmitValue, "specifying one of OnExitCodes and OnPodConditions is required");
    }

    static IEnumerable<FieldError> ValidateOnExitCodes(JsonObject requirement, string path, HashSet<string> containerNames)
    {
        var op = Json.Str(requirement, "operator") ?? "";
        if (op.Length == 0) yield return FieldError.Required(path + ".operator", "valid values: " + GoQuotedList(Operators));
        else if (!Operators.Contains(op)) yield return FieldError.NotSupported(path + ".operator", op, Operators);
        if (Json.Str(requirement, "containerName") is { } name && !containerNames.Contains(name))
            yield return FieldError.Invalid(path + ".containerName", name, "must be one of the container or initContainer names in the pod template");

        var valuesPath = path + ".values";
        var values = (requirement["values"] as JsonArray ?? []).Select(v => Json.Int(v) ?? 0).ToList();
        if (values.Count == 0) yield return FieldError.Invalid(valuesPath, new JsonArray(), "at least one value is required");
        else if (values.Count > MaxOnExitCodesValues) yield return FieldError.TooMany(valuesPath, values.Count, MaxOnExitCodesValues);
        var seen = new HashSet<long>();
        var ordered = true;
        for (var j = 0; j < values.Count; j++)
        {
            var value = values[j];
            if (op == "In" && value == 0) yield return FieldError.Invalid($"{valuesPath}[{j}]", value, "must not be 0 for the In operator");
            if (!seen.Add(value)) yield return FieldError.Duplicate($"{valuesPath}[{j}]", value);
            if (j > 0 && values[j - 1] > value) ordered = false;
        }
        if (!ordered) yield return FieldError.Invalid(valuesPath, requirement["values"], "must be ordered");
    }

    static IEnumerable<FieldError> ValidateOnPodConditions(List<(int Index, JsonObject Item)> patterns, string path)
    {
        if (patterns.Count > MaxOnPodConditionsPatterns) yield return FieldError.TooMany(path, patterns.Count, MaxOnPodConditionsPatterns);
        foreach (var (j, pattern) in patterns)
        {
            var type = Json.Str(pattern, "type") ?? "";
            foreach (var m in NameValidation.IsQualifiedName(type)) yield return FieldError.Invalid($"{path}[{j}].type", type, m);
            var status = Json.Str(pattern, "status") ?? "";
            if (status.Length == 0) yield return FieldError.Required($"{path}[{j}].status", "valid values: " + GoQuotedList(ConditionStatuses));
            else if (!ConditionStatuses.Contains(status)) yield return FieldError.NotSupported($"{path}[{j}].status", status, ConditionStatuses);
        }
    }

    static IEnumerable<FieldError> ValidateSuccessPolicy(JsonObject policy, long completions, string path)
    {
        var rulesPath = path + ".rules";
        var rules = Json.Items(policy["rules"]).ToList();
        if (rules.Count == 0) yield return FieldError.Required(rulesPath, "at least one rules must be specified when the successPolicy is specified");
        if (rules.Count > MaxSuccessPolicyRules) yield return FieldError.TooMany(rulesPath, rules.Count, MaxSuccessPolicyRules);
        foreach (var (i, rule) in rules)
        {
            var rulePath = $"{rulesPath}[{i}]";
            var indexes = Json.Str(rule, "succeededIndexes");
            var count = Json.Int(rule, "succeededCount");
            if (indexes is null && count is null)
                yield return FieldError.Required(rulePath, "at least one of succeededCount or succeededIndexes must be specified");
            long total = 0;
            if (indexes is not null)
            {
                if (indexes.Length > MaxSucceededIndexesLength) yield return FieldError.TooLong(rulePath + ".succeededIndexes", indexes, MaxSucceededIndexesLength);
                (total, var error) = IndexesFormat(indexes, completions);
                if (error is not null) yield return FieldError.Invalid(rulePath + ".succeededIndexes", indexes, "error parsing succeededIndexes: " + error);
            }
            if (count is { } n)
            {
                foreach (var e in FieldChecks.NonNegative(n, rulePath + ".succeededCount")) yield return e;
                if (n > completions)
                    yield return FieldError.Invalid(rulePath + ".succeededCount", n, $"must be less than or equal to {completions} (the number of specified completions)");
                if (indexes is not null && n > total)
                    yield return FieldError.Invalid(rulePath + ".succeededCount", n, $"must be less than or equal to {total} (the number of indexes in the specified succeededIndexes field)");
            }
        }
    }

    /// <summary>upstream's validateIndexesFormat: increasing, non-overlapping "a" or "a-b" parts below completions; the total they cover.</summary>
    public static (long Total, string? Error) IndexesFormat(string text, long completions)
    {
        if (text.Length == 0) return (0, null);
        long total = 0;
        long? last = null;
        foreach (var part in text.Split(','))
        {
            var (first, end, error) = IndexInterval(part, completions);
            if (error is not null) return (0, error);
            if (last is { } l && l >= first) return (0, $"non-increasing order, previous: {l}, current: {first}");
            total += end - first + 1;
            last = end;
        }
        return (total, null);
    }

    static (long First, long Last, string? Error) IndexInterval(string part, long completions)
    {
        var limits = part.Split('-');
        if (limits.Length > 2)
            return (0, 0, $"the fragment {GoValue.Quote(part)} violates the requirement that an index interval can have at most two parts separated by '-'");
        if (!TryAtoi(limits[0], out var first)) return (0, 0, $"cannot convert string to integer for index: {GoValue.Quote(limits[0])}");
        if (first >= completions) return (0, 0, $"too large index: {GoValue.Quote(limits[0])}");
        if (limits.Length == 1) return (first, first, null);
        if (!TryAtoi(limits[1], out var last)) return (0, 0, $"cannot convert string to integer for index: {GoValue.Quote(limits[1])}");
        if (last >= completions) return (0, 0, $"too large index: {GoValue.Quote(limits[1])}");
        if (first >= last) return (0, 0, $"non-increasing order, previous: {first}, current: {last}");
        return (first, last, null);
    }

    // Go's strconv.Atoi: an optional sign and decimal digits, nothing else.
    static bool TryAtoi(string s, out long value) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>A list as Go's %q prints a []string: ["a" "b"].</summary>
    static string GoQuotedList(IEnumerable<string> values) => "[" + string.Join(" ", values.Select(GoValue.Quote)) + "]";
}
