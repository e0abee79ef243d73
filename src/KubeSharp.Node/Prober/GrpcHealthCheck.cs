using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace KubeSharp.Node.Prober;

/// <summary>
/// <c>grpc.health.v1.Health/Check</c> over HTTP/2 without TLS (h2c with prior knowledge), with the request and
/// response messages encoded by hand: the request has one string field (<c>service</c> = 1), the response one
/// enum field (<c>status</c> = 1, SERVING = 1).
/// </summary>
public static class GrpcHealthCheck
{
    static readonly string[] StatusNames = ["UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"];

    public static byte[] EncodeRequest(string? service)
    {
        var payload = new List<byte>();
        if (!string.IsNullOrEmpty(service))
        {
            var bytes = Encoding.UTF8.GetBytes(service);
            payload.Add(0x0A); // field 1, wire type 2 (length-delimited)
            WriteVarint(payload, (ulong)bytes.Length);
            payload.AddRange(bytes);
        }
        var frame = new byte[5 + payload.Count];
        frame[0] = 0; // not compressed
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Count);
        payload.CopyTo(frame, 5);
        return frame;
    }

    /// <returns>The status enum of a HealthCheckResponse frame; 0 (UNKNOWN) when absent.</returns>
    public static int DecodeStatus(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 5) throw new InvalidDataException("short gRPC frame");
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(frame[1..]);
        var message = frame.Slice(5, Math.Min(length, frame.Length - 5));
        var status = 0;
        var i = 0;
        while (i < message.Length)
        {
            var key = ReadVarint(message, ref i);
            var field = key >> 3;
            var wire = key & 7;
            if (wire == 0)
            {
                var value = ReadVarint(message, ref i);
                if (field == 1) status = (int)value;
            }
            else if (wire == 2) i += (int)ReadVarint(message, ref i);
            else if (wire == 1) i += 8;
            else if (wire == 5) i += 4;
            else throw new InvalidDataException("unsupported protobuf wire type");
        }
        return status;
    }

    public static async Task<ProbeOutcome> CheckAsync(HttpMessageInvoker http, string host, int port, string? service, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        var address = $"{host}:{port}";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{address}/grpc.health.v1.Health/Check")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(EncodeRequest(service)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        try
        {
            using var response = await http.SendAsync(request, cts.Token);
            var body = await response.Content.ReadAsByteArrayAsync(cts.Token);
            var grpcStatus = Header(response, "grpc-status");
            if (grpcStatus is not null && grpcStatus != "0")
                return ProbeOutcome.Failure($"failed to connect service \"{address}\" within {timeout.TotalSeconds}s: rpc error: code = {grpcStatus} desc = {Header(response, "grpc-message")}");
            if (body.Length < 5) return ProbeOutcome.Failure($"health rpc probe failed: empty response from {address}");
            var status = DecodeStatus(body);
            return status == 1
                ? ProbeOutcome.Success()
                : ProbeOutcome.Failure($"service unhealthy (responded with \"{(status >= 0 && status < StatusNames.Length ? StatusNames[status] : status.ToString(System.Globalization.CultureInfo.InvariantCulture))}\")");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeOutcome.Failure($"timeout: health rpc did not complete within {timeout.TotalSeconds}s");
        }
        catch (HttpRequestException e)
        {
            return ProbeOutcome.Failure($"failed to connect service \"{address}\" within {timeout.TotalSeconds}s: {e.Message}");
        }
    }

    static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var t) ? t.FirstOrDefault()
        : response.Headers.TryGetValues(name, out var h) ? h.FirstOrDefault() : null;

    static void WriteVarint(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }
        output.Add((byte)value);
    }

    static ulong ReadVarint(ReadOnlySpan<byte> data, ref int i)
    {
        ulong result = 0;
        for (var shift = 0; i < data.Length && shift < 64; shift += 7)
        {
            var b = data[i++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new InvalidDataException("truncated varint");
    }
}
