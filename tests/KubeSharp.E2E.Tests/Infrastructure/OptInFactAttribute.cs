namespace KubeSharp.E2E.Tests.Infrastructure;

/// <summary>
/// A test that runs only when an environment variable is set to 1 (slow real-time tests, benchmarks);
/// otherwise it is reported as skipped rather than passing without doing anything.
/// </summary>
public sealed class OptInFactAttribute : FactAttribute
{
    public OptInFactAttribute(string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) != "1") Skip = $"set {variable}=1 to run";
    }
}
