namespace KubeSharp.Storage.Tests;

internal static class Eventually
{
    /// <summary>Waits for a condition the code under test makes true in the background.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }
}
