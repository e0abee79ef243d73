using KubeSharp.Testing;

namespace KubeSharp.Client.Tests.Fakes;

static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> for up to 5 s of real time, moving the fake clock by <paramref name="step"/> between polls.</summary>
    public static async Task Until(Func<bool> condition, ManualTimeProvider? time = null, TimeSpan? step = null, string? because = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met" + (because is null ? "" : ": " + because));
            time?.Advance(step ?? TimeSpan.FromMilliseconds(100));
            await Task.Delay(5);
        }
    }

    /// <summary>Lets background tasks run for a moment of real time (to check that something does not happen).</summary>
    public static Task Settle() => Task.Delay(100);
}
