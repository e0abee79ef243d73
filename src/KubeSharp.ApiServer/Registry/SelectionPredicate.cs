using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Selectors;
using Labels = KubeSharp.Api.Selectors.LabelSelector;
using Fields = KubeSharp.Api.Selectors.FieldSelector;

namespace KubeSharp.ApiServer.Registry;

/// <summary>The label and field selection of one list or watch, checked against cached objects.</summary>
public sealed class SelectionPredicate
{
    readonly Labels? _labels;
    readonly Fields? _fields;

    SelectionPredicate(Labels? labels, Fields? fields)
    {
        _labels = labels;
        _fields = fields;
    }

    public static SelectionPredicate Build(ResourceDefinition def, string? ns, string? labelSelector, string? fieldSelector)
    {
        Labels? labels = null;
        Fields? fields = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(labelSelector)) labels = Labels.Parse(labelSelector);
            if (!string.IsNullOrWhiteSpace(fieldSelector)) fields = Fields.Parse(fieldSelector);
        }
        catch (SelectorParseException e)
        {
            throw StatusError.BadRequest(e.Message);
        }
        if (fields is not null)
        {
            foreach (var field in fields.Requirements.Select(r => r.Field))
            {
                if (field is "metadata.name" or "metadata.namespace" || def.FieldSelectors.Contains(field)) continue;
                throw StatusError.BadRequest($"field label not supported: {field}");
            }
        }
        return new SelectionPredicate(labels, fields);
    }

    public bool Matches(CachedObject obj)
    {
        if (_labels is not null && !_labels.Matches(obj.Labels)) return false;
        if (_fields is not null && !_fields.Matches(path => path switch
            {
                "metadata.name" => obj.Name,
                "metadata.namespace" => obj.Namespace,
                _ => FieldPath.Read(obj.Object, path),
            })) return false;
        return true;
    }
}
