namespace KubeSharp.Node.Volumes;

/// <summary>A volume could not be set up; reported as a <c>FailedMount</c> event and retried.</summary>
public sealed class VolumeSetupException(string volume, string message)
    : Exception($"MountVolume.SetUp failed for volume \"{volume}\" : {message}")
{
    public string Volume { get; } = volume;
    public string Detail { get; } = message;
}
