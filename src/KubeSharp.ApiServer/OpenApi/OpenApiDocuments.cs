using System.Security.Cryptography;

namespace KubeSharp.ApiServer.OpenApi;

/// <summary>
/// One immutable set of OpenAPI documents as UTF-8 JSON: the v3 root (the list of group-versions with
/// their hashed URLs), one v3 document per group-version ("api/v1", "apis/apps/v1"), and the v2
/// document (built on first use; kubectl asks for it only as a fallback).
/// </summary>
public sealed class OpenApiDocuments
{
    readonly IReadOnlyDictionary<string, (byte[] Json, string Hash)> _v3;
    readonly Lazy<(byte[] Json, string Hash)> _v2;

    internal OpenApiDocuments(byte[] v3Root, IReadOnlyDictionary<string, (byte[] Json, string Hash)> v3, Func<byte[]> buildV2)
    {
        V3Root = v3Root;
        _v3 = v3;
        _v2 = new Lazy<(byte[], string)>(() => { var json = buildV2(); return (json, Hash(json)); }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary><c>{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=…"},…}}</c></summary>
    public byte[] V3Root { get; }

    public IReadOnlyCollection<string> GroupVersionPaths => _v3.Keys.ToArray();

    /// <param name="groupVersionPath">"api/v1" or "apis/apps/v1" (a leading slash is allowed).</param>
    public bool TryGetV3(string groupVersionPath, out byte[] json, out string hash)
    {
        if (_v3.TryGetValue(groupVersionPath.TrimStart('/'), out var doc))
        {
            (json, hash) = doc;
            return true;
        }
        json = [];
        hash = "";
        return false;
    }

    /// <summary>The Swagger 2.0 document of every group-version, with <c>#/definitions/</c> references.</summary>
    public byte[] V2 => _v2.Value.Json;

    public string V2Hash => _v2.Value.Hash;

    /// <summary>The hash upstream puts in serverRelativeURL and ETag: SHA-512, upper-case hex.</summary>
    public static string Hash(ReadOnlySpan<byte> json) => Convert.ToHexString(SHA512.HashData(json));
}
