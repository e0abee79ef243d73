namespace KubeSharp.ApiServer.Patch;

/// <summary>A field the applier wanted to change that another manager owns.</summary>
public sealed record ApplyConflict(ManagerIdentity Manager, string? ApiVersion, string Path)
{
    /// <summary>
    /// The manager as upstream prints it: <c>"kubectl-edit"</c>, plus <c> with subresource "status"</c> and,
    /// for Update operations, <c> using apps/v1</c>.
    /// </summary>
    public string ManagerDescription
    {
        get
        {
            var text = Quote(Manager.Manager);
            if (Manager.Subresource is { Length: > 0 } sub) text += $" with subresource {Quote(sub)}";
            if (Manager.Operation == ManagerIdentity.Update) text += $" using {ApiVersion}";
            return text;
        }
    }

    static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}

/// <summary>The 409 message and causes upstream builds from a list of conflicts.</summary>
public static class ApplyConflictMessage
{
    /// <summary><c>Apply failed with 1 conflict: conflict with "x" using apps/v1: .spec.replicas</c>, or the multi-conflict form.</summary>
    public static string Format(IReadOnlyList<ApplyConflict> conflicts)
    {
        if (conflicts.Count == 1)
            return $"Apply failed with 1 conflict: conflict with {conflicts[0].ManagerDescription}: {conflicts[0].Path}";
        var lines = new List<string>();
        foreach (var group in conflicts.GroupBy(c => c.ManagerDescription).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            lines.Add($"conflicts with {group.Key}:");
            lines.AddRange(group.Select(c => "- " + c.Path));
        }
        return $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
    }

    /// <summary>Status causes: reason <c>FieldManagerConflict</c>, one per field.</summary>
    public static IReadOnlyList<(string Reason, string Message, string Field)> Causes(IReadOnlyList<ApplyConflict> conflicts) =>
        [.. conflicts.Select(c => ("FieldManagerConflict", $"conflict with {c.ManagerDescription}", c.Path))];
}
