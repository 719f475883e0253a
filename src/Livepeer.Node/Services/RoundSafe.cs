using Livepeer.Chain.Client;
using Livepeer.Protocol.Engine;

namespace Livepeer.Node.Services;

/// <summary>
/// Runs a ledger write that can meet a round boundary: when the round is not initialized yet it initializes it, and when
/// the round is in its locked last part it waits for the next one, then tries again (a few times at most).
/// </summary>
public static class RoundSafe
{
    /// <summary>Runs <paramref name="write"/>, retrying across round boundaries.</summary>
    public static async Task<ChainReceipt> RunAsync(ILivepeerChain chain, Func<Task<ChainReceipt>> write, TimeProvider time, CancellationToken ct, int attempts = 20)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await write(); }
            catch (ChainTransactionException e) when (attempt < attempts && e.Error is ProtocolError.RoundNotInitialized or ProtocolError.RoundLocked)
            {
                if (e.Error == ProtocolError.RoundNotInitialized)
                {
                    try { await chain.InitializeRoundAsync(ct); }
                    catch (ChainTransactionException i) when (i.Error is ProtocolError.RoundAlreadyInitialized or ProtocolError.RoundLocked) { }
                }
                else
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), time, ct);
                }
            }
        }
    }
}
