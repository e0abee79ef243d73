using System.Text.Json.Nodes;
using Google.Protobuf;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.Protobuf;

/// <summary>
/// Decodes an <c>application/vnd.kubernetes.protobuf</c> body into the JSON object a JSON client would
/// have sent: the "k8s\0" magic, then a runtime.Unknown envelope {1 typeMeta {1 apiVersion, 2 kind},
/// 2 raw, 3 contentEncoding, 4 contentType} whose raw bytes are the kind's generated.proto message.
/// </summary>
public sealed class KubeProtobufDecoder
{
    readonly SchemaMessageReader _reader = new();

    /// <summary>The four bytes every Kubernetes protobuf body starts with.</summary>
    public static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    public static bool HasMagic(ReadOnlySpan<byte> body) => body.StartsWith(Magic);

    /// <exception cref="ProtobufDecodeException">Malformed body, unknown kind, or unsupported content encoding.</exception>
    public JsonObject Decode(ReadOnlySpan<byte> body, SchemaCatalog catalog)
    {
        if (!HasMagic(body))
            throw new ProtobufDecodeException("the body is not a Kubernetes protobuf message: it does not start with the k8s\\0 prefix");

        var envelope = ReadEnvelope(body[Magic.Length..]);
        if (envelope.ContentEncoding.Length > 0)
            throw new ProtobufDecodeException($"unsupported protobuf content encoding \"{envelope.ContentEncoding}\"");
        if (envelope.Kind.Length == 0)
            throw new ProtobufDecodeException("Object 'Kind' is missing in the protobuf envelope");
        if (envelope.ApiVersion.Length == 0)
            throw new ProtobufDecodeException("Object 'apiVersion' is missing in the protobuf envelope");

        var gvk = GroupVersionKind.FromApiVersion(envelope.ApiVersion, envelope.Kind);
        var schema = catalog.ForKind(gvk)
            ?? throw new ProtobufDecodeException($"no kind \"{gvk.Kind}\" is registered for version \"{gvk.ApiVersion}\"");

        var result = new JsonObject { ["apiVersion"] = envelope.ApiVersion, ["kind"] = envelope.Kind };
        var decoded = _reader.ReadMessage(envelope.Raw, schema);
        foreach (var (key, value) in decoded.ToList())
        {
            if (key is "apiVersion" or "kind") continue;
            decoded.Remove(key);
            result[key] = value;
        }
        return result;
    }

    static Envelope ReadEnvelope(ReadOnlySpan<byte> bytes)
    {
        var envelope = new Envelope();
        try
        {
            var input = new CodedInputStream(bytes.ToArray());
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(tag), WireFormat.GetTagWireType(tag))
                {
                    case (1, WireFormat.WireType.LengthDelimited):
                        ReadTypeMeta(input.ReadBytes(), envelope);
                        break;
                    case (2, WireFormat.WireType.LengthDelimited):
                        envelope.Raw = input.ReadBytes().ToByteArray();
                        break;
                    case (3, WireFormat.WireType.LengthDelimited):
                        envelope.ContentEncoding = input.ReadString();
                        break;
                    case (4, WireFormat.WireType.LengthDelimited):
                        envelope.ContentType = input.ReadString();
                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ProtobufDecodeException("malformed protobuf envelope: " + e.Message);
        }
        return envelope;
    }

    static void ReadTypeMeta(ByteString bytes, Envelope envelope)
    {
        var input = new CodedInputStream(bytes.ToByteArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag), WireFormat.GetTagWireType(tag))
            {
                case (1, WireFormat.WireType.LengthDelimited): envelope.ApiVersion = input.ReadString(); break;
                case (2, WireFormat.WireType.LengthDelimited): envelope.Kind = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }
    }

    sealed class Envelope
    {
        public string ApiVersion = "";
        public string Kind = "";
        public byte[] Raw = [];
        public string ContentEncoding = "";
        public string ContentType = "";
    }
}
