namespace KubeSharp.ApiServer.Protobuf;

/// <summary>A protobuf request body that cannot be turned into JSON; the API server answers 400.</summary>
public sealed class ProtobufDecodeException(string message) : Exception(message);
