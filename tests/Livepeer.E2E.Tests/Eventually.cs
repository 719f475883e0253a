using Livepeer.Chain.Client;

namespace Livepeer.E2E.Tests;

/// <summary>Waits on a condition instead of sleeping a fixed time: polls it until it holds or the time is up.</summary>
internal static class Eventually
{
    /// <summary>
    /// Polls <paramref name="condition"/> every <paramref name="poll"/> (1 s unless given) until it holds; false if it still
    /// does not after <paramref name="timeout"/>. A node or chain briefly unreachable counts as "not yet".
    /// </summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? poll = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try { if (await condition()) return true; }
            catch (Exception e) when (e is HttpRequestException or ChainUnavailableException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(poll ?? TimeSpan.FromSeconds(1));
        }
    }
}
