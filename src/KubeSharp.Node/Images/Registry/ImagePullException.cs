namespace KubeSharp.Node.Images.Registry;

/// <summary>Why a pull failed; lets the node agent tell <c>ErrImagePull</c> causes apart (e.g. not found vs. unauthorized).</summary>
public enum ImagePullFailure
{
    /// <summary>The repository, tag or digest does not exist (or is hidden from these credentials).</summary>
    NotFound,
    Unauthorized,
    /// <summary>Content did not match its digest or size; nothing of it was stored.</summary>
    DigestMismatch,
    /// <summary>A manifest or layer kind this node cannot run (schema 1, foreign platform, unknown compression).</summary>
    Unsupported,
    /// <summary>The registry could not be reached or answered with an unexpected error.</summary>
    RegistryError,
}

public sealed class ImagePullException(string message, ImagePullFailure failure, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ImagePullFailure Failure { get; } = failure;
}
