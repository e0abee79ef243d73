using System.Text.Json.Nodes;

namespace KubeSharp.Api.Validation;

/// <summary>upstream's ValidateVolumes: unique DNS-1123 label names and exactly one source per volume.</summary>
public static class VolumeValidation
{
    /// <summary>Validates <paramref name="volumes"/> at <paramref name="path"/> and returns the names that are declared.</summary>
    public static IReadOnlyList<FieldError> Validate(JsonNode? volumes, string path, out IReadOnlySet<string> names)
    {
        var errs = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, v) in Json.Items(volumes))
        {
            var ip = $"{path}[{i}]";
            var name = Json.Str(v, "name") ?? "";
            if (name.Length == 0) errs.Add(FieldError.Required(ip + ".name"));
            else
            {
                foreach (var m in NameValidation.IsDNS1123Label(name)) errs.Add(FieldError.Invalid(ip + ".name", name, m));
                if (!seen.Add(name)) errs.Add(FieldError.Duplicate(ip + ".name", name));
            }
            var sources = v.Where(kv => kv.Key != "name" && kv.Value is not null).Select(kv => kv.Key).ToList();
            if (sources.Count == 0) errs.Add(FieldError.Required(ip, "must specify a volume type"));
            else if (sources.Count > 1) errs.Add(FieldError.Forbidden(ip + "." + sources[1], "may not specify more than 1 volume type"));
            errs.AddRange(ValidateSource(v, ip));
        }
        names = seen;
        return errs;
    }

    static IEnumerable<FieldError> ValidateSource(JsonObject v, string path)
    {
        if (Json.Obj(v, "hostPath") is { } hp)
        {
            if (string.IsNullOrEmpty(Json.Str(hp, "path"))) yield return FieldError.Required(path + ".hostPath.path");
            foreach (var e in FieldChecks.OneOf(Json.Str(hp, "type"), path + ".hostPath.type",
                ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"]))
                yield return e;
        }
        if (Json.Obj(v, "configMap") is { } cm)
        {
            foreach (var e in Mode(cm, path + ".configMap")) yield return e;
        }
        if (Json.Obj(v, "secret") is { } s)
        {
            foreach (var e in Mode(s, path + ".secret")) yield return e;
        }
        if (Json.Obj(v, "persistentVolumeClaim") is { } pvc && string.IsNullOrEmpty(Json.Str(pvc, "claimName")))
            yield return FieldError.Required(path + ".persistentVolumeClaim.claimName");
        if (Json.Obj(v, "emptyDir") is { } ed && ed["sizeLimit"] is { } limit)
            foreach (var e in FieldChecks.Quantity(limit, path + ".emptyDir.sizeLimit")) yield return e;
        if (Json.Obj(v, "nfs") is { } nfs)
        {
            if (string.IsNullOrEmpty(Json.Str(nfs, "server"))) yield return FieldError.Required(path + ".nfs.server");
            if (string.IsNullOrEmpty(Json.Str(nfs, "path"))) yield return FieldError.Required(path + ".nfs.path");
        }
    }

    static IEnumerable<FieldError> Mode(JsonObject source, string path)
    {
        if (Json.Int(source, "defaultMode") is { } mode and (< 0 or > 511))
            yield return FieldError.Invalid(path + ".defaultMode", mode, "must be a number between 0 and 0777 (octal), both inclusive");
        foreach (var (i, item) in Json.Items(source["items"]))
        {
            var key = Json.Str(item, "key") ?? "";
            if (key.Length == 0) yield return FieldError.Required($"{path}.items[{i}].key");
            var p = Json.Str(item, "path") ?? "";
            if (p.Length == 0) yield return FieldError.Required($"{path}.items[{i}].path");
            else if (p.StartsWith('/')) yield return FieldError.Invalid($"{path}.items[{i}].path", p, "must be a relative path");
            else if (p.Split('/').Contains("..")) yield return FieldError.Invalid($"{path}.items[{i}].path", p, "must not contain '..'");
        }
    }
}
