namespace KubeSharp.ApiServer.Patch;

/// <summary>
/// A patch that cannot be applied. <see cref="StatusCode"/> is what upstream answers for the same failure:
/// 400 when the patch document itself is malformed, 422 when it is well-formed but does not fit the object.
/// </summary>
public sealed class PatchException(string message, int statusCode = PatchException.Unprocessable) : Exception(message)
{
    public const int BadRequest = 400;
    public const int Unprocessable = 422;

    public int StatusCode { get; } = statusCode;

    internal static PatchException Malformed(string message) => new(message, BadRequest);
}
