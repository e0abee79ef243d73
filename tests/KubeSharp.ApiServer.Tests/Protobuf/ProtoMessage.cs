using Google.Protobuf;

namespace KubeSharp.ApiServer.Tests.Protobuf;

/// <summary>Builds protobuf messages field by field, the way Go's generated marshaller lays them out.</summary>
internal sealed class ProtoMessage
{
    readonly MemoryStream _bytes = new();
    readonly CodedOutputStream _out;

    public ProtoMessage() => _out = new CodedOutputStream(_bytes, leaveOpen: true);

    public ProtoMessage String(int field, string value)
    {
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteString(value);
        return this;
    }

    public ProtoMessage Bytes(int field, byte[] value)
    {
        _out.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _out.WriteBytes(ByteString.CopyFrom(value));
        return this;
    }

    public ProtoMessage Varint(int field, long value)
    {
        _out.WriteTag(field, WireFormat.WireType.Varint);
        _out.WriteInt64(value);
        return this;
    }

    public ProtoMessage Bool(int field, bool value)
    {
        _out.WriteTag(field, WireFormat.WireType.Varint);
        _out.WriteBool(value);
        return this;
    }

    /// <summary>A packed repeated varint field: one length-delimited run of values.</summary>
    public ProtoMessage Packed(int field, params long[] values)
    {
        var run = new MemoryStream();
        var o = new CodedOutputStream(run, leaveOpen: true);
        foreach (var v in values) o.WriteInt64(v);
        o.Flush();
        return Bytes(field, run.ToArray());
    }

    public ProtoMessage Fixed64(int field, double value)
    {
        _out.WriteTag(field, WireFormat.WireType.Fixed64);
        _out.WriteDouble(value);
        return this;
    }

    public ProtoMessage Message(int field, ProtoMessage value) => Bytes(field, value.ToArray());

    public ProtoMessage Message(int field, Action<ProtoMessage> build)
    {
        var m = new ProtoMessage();
        build(m);
        return Message(field, m);
    }

    public ProtoMessage MapEntry(int field, string key, string value) => Message(field, e => e.String(1, key).String(2, value));

    public ProtoMessage MapEntry(int field, string key, byte[] value) => Message(field, e => e.String(1, key).Bytes(2, value));

    public ProtoMessage MapEntry(int field, string key, ProtoMessage value) => Message(field, e => e.String(1, key).Message(2, value));

    public byte[] ToArray()
    {
        _out.Flush();
        return _bytes.ToArray();
    }

    /// <summary>The whole request body: "k8s\0" then runtime.Unknown {typeMeta, raw, contentEncoding, contentType}.</summary>
    public static byte[] Envelope(string apiVersion, string kind, ProtoMessage raw, string contentEncoding = "")
    {
        var unknown = new ProtoMessage()
            .Message(1, t => t.String(1, apiVersion).String(2, kind))
            .Bytes(2, raw.ToArray())
            .String(3, contentEncoding)
            .String(4, "");
        return [.. "k8s\0"u8.ToArray(), .. unknown.ToArray()];
    }

    /// <summary>ObjectMeta as Go writes it: every non-pointer field present, empty or not.</summary>
    public static ProtoMessage ObjectMeta(string name, string ns = "", long creationSeconds = 0, Action<ProtoMessage>? more = null)
    {
        var m = new ProtoMessage()
            .String(1, name).String(2, "").String(3, ns).String(4, "").String(5, "").String(6, "")
            .Varint(7, 0)
            .Message(8, t => { if (creationSeconds != 0) t.Varint(1, creationSeconds).Varint(2, 0); });
        more?.Invoke(m);
        return m;
    }

    public static ProtoMessage Quantity(string text) => new ProtoMessage().String(1, text);

    public static ProtoMessage IntOrString(int value) => new ProtoMessage().Varint(1, 0).Varint(2, value).String(3, "");

    public static ProtoMessage IntOrString(string value) => new ProtoMessage().Varint(1, 1).Varint(2, 0).String(3, value);
}
