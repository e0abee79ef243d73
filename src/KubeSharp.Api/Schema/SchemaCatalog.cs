using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;

namespace KubeSharp.Api.Schema;

/// <summary>
/// The schema of every kind the server knows: built-in kinds found by <see cref="KindAttribute"/> in the
/// model assemblies (built once, read-only afterwards), plus custom resources registered and removed at
/// run time. List kinds ("DeploymentList") are synthesised unless the model declares them. Readers see
/// immutable snapshots, so lookups never lock.
/// </summary>
public sealed class SchemaCatalog
{
    readonly FrozenDictionary<GroupVersionKind, SchemaNode> _builtIn;
    readonly FrozenDictionary<GroupVersionKind, Type> _types;
    readonly FrozenDictionary<string, SchemaNode> _definitions;
    readonly Lock _gate = new();
    CustomSnapshot _custom = CustomSnapshot.Empty;

    /// <summary>Scans the assemblies for model types with <see cref="KindAttribute"/>.</summary>
    public SchemaCatalog(params Assembly[] assemblies) : this(assemblies.SelectMany(LoadableTypes)) { }

    /// <summary>Uses the given types; those with <see cref="KindAttribute"/> become kinds.</summary>
    public SchemaCatalog(IEnumerable<Type> types)
    {
        var kindTypes = types.Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }
                                         && t.GetCustomAttribute<KindAttribute>(inherit: false) is not null).ToList();
        var builder = new ModelSchemaBuilder(kindTypes);
        ObjectMeta = builder.Build(typeof(ObjectMeta));
        ListMeta = builder.Build(typeof(ListMeta));

        var kinds = new Dictionary<GroupVersionKind, SchemaNode>();
        var typeByKind = new Dictionary<GroupVersionKind, Type>();
        foreach (var t in kindTypes.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var attr = t.GetCustomAttribute<KindAttribute>(inherit: false)!;
            var gvk = new GroupVersionKind(attr.Group, attr.Version, attr.Kind);
            var node = builder.Build(t);
            TypeMetaDescriptions.Fill(node);
            kinds.TryAdd(gvk, node);
            typeByKind.TryAdd(gvk, t);
        }

        var definitions = new Dictionary<string, SchemaNode>(builder.Definitions, StringComparer.Ordinal);
        foreach (var (gvk, node) in kinds.ToList())
        {
            var listGvk = gvk with { Kind = gvk.Kind + "List" };
            if (IsList(node) || kinds.ContainsKey(listGvk)) continue;
            var list = ListSchema.For(gvk, node, ListMeta);
            kinds[listGvk] = list;
            definitions.TryAdd(list.DefinitionName!, list);
        }

        _builtIn = kinds.ToFrozenDictionary();
        _types = typeByKind.ToFrozenDictionary();
        _definitions = definitions.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A catalog of the project's model (the KubeSharp.Api assembly).</summary>
    public static SchemaCatalog ForModel() => new(typeof(ObjectMeta).Assembly);

    /// <summary>Raised after a custom schema is registered or removed.</summary>
    public event Action? Changed;

    /// <summary>The ObjectMeta definition node (custom resources refer to it for their metadata).</summary>
    public SchemaNode ObjectMeta { get; }

    public SchemaNode ListMeta { get; }

    /// <summary>Built-in kinds, including synthesised list kinds.</summary>
    public IReadOnlyCollection<GroupVersionKind> BuiltInKinds => _builtIn.Keys;

    public SchemaNode? ForKind(GroupVersionKind gvk) =>
        _builtIn.TryGetValue(gvk, out var node) ? node : Volatile.Read(ref _custom).Kinds.GetValueOrDefault(gvk);

    public bool IsBuiltIn(GroupVersionKind gvk) => _builtIn.ContainsKey(gvk);

    /// <summary>The model type behind a built-in kind (not for synthesised lists).</summary>
    public Type? ModelType(GroupVersionKind gvk) => _types.GetValueOrDefault(gvk);

    /// <summary>A definition by its OpenAPI name, built-in or custom.</summary>
    public SchemaNode? Definition(string name) =>
        _definitions.TryGetValue(name, out var node) ? node : Volatile.Read(ref _custom).Definitions.GetValueOrDefault(name);

    /// <summary>Adds or replaces the schema of a custom kind (and its list kind).</summary>
    public void RegisterCustom(GroupVersionKind gvk, SchemaNode schema)
    {
        if (_builtIn.ContainsKey(gvk)) throw new InvalidOperationException($"{gvk.Kind} in {gvk.ApiVersion} is a built-in kind");
        schema.GroupVersionKind ??= (gvk.Group, gvk.Version, gvk.Kind);
        schema.DefinitionName ??= DefinitionNames.ForCustomKind(gvk.Group, gvk.Version, gvk.Kind);
        var list = ListSchema.For(gvk, schema, ListMeta);
        var listGvk = gvk with { Kind = gvk.Kind + "List" };
        lock (_gate)
        {
            var current = _custom;
            var definitions = current.Definitions;
            if (current.Kinds.TryGetValue(gvk, out var old)) definitions = RemoveDefinitions(definitions, old, current.Kinds.GetValueOrDefault(listGvk));
            _custom = new CustomSnapshot(
                current.Kinds.SetItem(gvk, schema).SetItem(listGvk, list),
                definitions.SetItem(schema.DefinitionName, schema).SetItem(list.DefinitionName!, list));
        }
        Changed?.Invoke();
    }

    /// <summary>Removes a custom kind's schema; false if it was not registered.</summary>
    public bool UnregisterCustom(GroupVersionKind gvk)
    {
        var listGvk = gvk with { Kind = gvk.Kind + "List" };
        lock (_gate)
        {
            var current = _custom;
            if (!current.Kinds.TryGetValue(gvk, out var old)) return false;
            _custom = new CustomSnapshot(
                current.Kinds.Remove(gvk).Remove(listGvk),
                RemoveDefinitions(current.Definitions, old, current.Kinds.GetValueOrDefault(listGvk)));
        }
        Changed?.Invoke();
        return true;
    }

    static ImmutableDictionary<string, SchemaNode> RemoveDefinitions(ImmutableDictionary<string, SchemaNode> definitions, SchemaNode kind, SchemaNode? list)
    {
        if (kind.DefinitionName is { } k) definitions = definitions.Remove(k);
        if (list?.DefinitionName is { } l) definitions = definitions.Remove(l);
        return definitions;
    }

    static bool IsList(SchemaNode node) =>
        node.GroupVersionKind?.Kind.EndsWith("List", StringComparison.Ordinal) == true && node.Property("items")?.Type == "array";

    static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.Where(t => t is not null)!; }
    }

    sealed record CustomSnapshot(ImmutableDictionary<GroupVersionKind, SchemaNode> Kinds, ImmutableDictionary<string, SchemaNode> Definitions)
    {
        public static readonly CustomSnapshot Empty = new(
            ImmutableDictionary<GroupVersionKind, SchemaNode>.Empty,
            ImmutableDictionary<string, SchemaNode>.Empty.WithComparers(StringComparer.Ordinal));
    }
}
