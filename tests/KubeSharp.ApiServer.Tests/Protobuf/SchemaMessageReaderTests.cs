using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.Api.Schema;
using KubeSharp.ApiServer.Protobuf;
using KubeSharp.ApiServer.Tests.Protobuf.TestModel.Core;
using static KubeSharp.ApiServer.Tests.Protobuf.ProtoMessage;

namespace KubeSharp.ApiServer.Tests.Protobuf;

public class SchemaMessageReaderTests
{
    static readonly SchemaCatalog Catalog = new([typeof(ProbeKind), typeof(Review)]);

    static JsonObject Decode(byte[] body) => new KubeProtobufDecoder().Decode(body, Catalog);

    static JsonObject DecodeSpec(ProtoMessage spec) =>
        Decode(Envelope("example.test/v1", "Probe", new ProtoMessage().Message(1, ObjectMeta("p")).Message(2, spec)))["spec"]!.AsObject();

    [Fact]
    public void Repeated_scalars_may_be_packed_or_not_and_unknown_fields_are_skipped()
    {
        var spec = new ProtoMessage()
            .Packed(1, 1, 2, 300)
            .Varint(1, 7)
            .String(2, "a").String(2, "")
            .Varint(99, 5).String(98, "ignored").Fixed64(97, 1.5);
        var json = DecodeSpec(spec);
        Assert.Equal("[1,2,300,7]", json["numbers"]!.ToJsonString());
        Assert.Equal("""["a",""]""", json["words"]!.ToJsonString());
    }

    [Fact]
    public void Embedded_struct_fields_are_inlined()
    {
        var json = DecodeSpec(new ProtoMessage().Message(3, e => e.String(1, "check").Varint(2, 8080)).Varint(4, 0));
        Assert.Equal("check", json["command"]!.GetValue<string>());
        Assert.Equal(8080, json["port"]!.GetValue<int>());
        Assert.False(json.ContainsKey("period")); // non-nullable in the model: zero means unset
    }

    [Fact]
    public void Raw_json_micro_time_doubles_and_message_maps_and_lists()
    {
        var spec = new ProtoMessage()
            .Message(5, r => r.Bytes(1, Encoding.UTF8.GetBytes("""{"x":[1,{"y":true}]}""")))
            .Message(6, t => t.Varint(1, 1_700_000_000).Varint(2, 123_456_000))
            .Fixed64(7, 0.25)
            .MapEntry(8, "first", new ProtoMessage().String(1, "one").Bool(2, true))
            .Message(9, s => s.String(1, "a"))
            .Message(9, s => s.Bool(2, false));
        var json = DecodeSpec(spec);
        Assert.Equal("""{"x":[1,{"y":true}]}""", json["extension"]!.ToJsonString());
        Assert.Equal("2023-11-14T22:13:20.123456Z", json["at"]!.GetValue<string>());
        Assert.Equal(0.25, json["ratio"]!.GetValue<double>());
        Assert.Equal("""{"first":{"name":"one","enabled":true}}""", json["steps"]!.ToJsonString());
        Assert.Equal("""[{"name":"a"},{"enabled":false}]""", json["sequence"]!.ToJsonString());
    }

    [Fact]
    public void Lists_inside_maps_are_wrapped_messages()
    {
        var raw = new ProtoMessage()
            .Message(1, ObjectMeta("r"))
            .MapEntry(2, "groups", new ProtoMessage().String(1, "a").String(1, "b"));
        var json = Decode(Envelope("example.test/v1", "Review", raw));
        Assert.Equal("""{"groups":["a","b"]}""", json["extra"]!.ToJsonString());
    }

    [Fact]
    public void Malformed_bodies_fail_with_a_decode_exception()
    {
        var ok = Envelope("example.test/v1", "Probe", new ProtoMessage());
        Assert.NotNull(Decode(ok));
        Assert.Contains("k8s", Assert.Throws<ProtobufDecodeException>(() => Decode(ok[4..])).Message);
        Assert.Contains("no kind \"Nope\"", Assert.Throws<ProtobufDecodeException>(() => Decode(Envelope("example.test/v1", "Nope", new ProtoMessage()))).Message);
        Assert.Contains("gzip", Assert.Throws<ProtobufDecodeException>(() => Decode(Envelope("example.test/v1", "Probe", new ProtoMessage(), "gzip"))).Message);
        Assert.Throws<ProtobufDecodeException>(() => Decode(ok[..^3]));
        var wrongWire = Envelope("example.test/v1", "Probe", new ProtoMessage().Varint(2, 5));
        Assert.Contains("spec", Assert.Throws<ProtobufDecodeException>(() => Decode(wrongWire)).Message);
        var badJson = Envelope("example.test/v1", "Probe", new ProtoMessage().Message(2, s => s.Message(5, r => r.Bytes(1, "{nope"u8.ToArray()))));
        Assert.Contains("extension", Assert.Throws<ProtobufDecodeException>(() => Decode(badJson)).Message);
    }

    [Fact]
    public void Type_meta_comes_from_the_envelope()
    {
        var json = Decode(Envelope("example.test/v1", "Probe", new ProtoMessage().Message(1, ObjectMeta("p", "ns"))));
        Assert.Equal("""{"apiVersion":"example.test/v1","kind":"Probe","metadata":{"name":"p","namespace":"ns"}}""", json.ToJsonString());
    }
}
