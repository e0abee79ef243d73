namespace KubeSharp.ApiServer.Printers;

/// <summary>
/// One column of a meta.k8s.io/v1 Table. <see cref="Priority"/> 0 shows in plain <c>kubectl get</c>;
/// higher priorities show only with <c>-o wide</c>.
/// </summary>
public sealed record TableColumn(string Name, string Type, string Format, string Description, int Priority)
{
    public static TableColumn NameColumn { get; } = new("Name", "string", "name", "Name must be unique within a namespace.", 0);
    public static TableColumn AgeColumn { get; } = new("Age", "string", "", "Time since the object was created.", 0);
    public static TableColumn CreatedAtColumn { get; } = new("Created At", "date", "", "When the object was created (RFC 3339, UTC).", 0);

    public static TableColumn Text(string name, string description, int priority = 0) => new(name, "string", "", description, priority);
    public static TableColumn Integer(string name, string description, int priority = 0) => new(name, "integer", "", description, priority);
    public static TableColumn Boolean(string name, string description, int priority = 0) => new(name, "boolean", "", description, priority);
}
