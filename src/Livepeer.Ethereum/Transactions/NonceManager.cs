using System.Collections.Concurrent;

namespace Livepeer.Ethereum.Transactions;

/// <summary>
/// Hands out an account's nonces one at a time, so transactions sent at once (reward, redemption, registration) get
/// contiguous nonces. One instance per endpoint, chain and account, shared by every sender in the process. Each nonce
/// is the node's pending transaction count, read while no other send of the account runs: the previous send has been
/// accepted by then, so it is counted, and transactions sent by another process, or dropped by a restarted node or a
/// reorganization, are counted as the node counts them (a cached counter would leave a gap that never gets mined).
/// </summary>
public sealed class NonceManager
{
    private static readonly ConcurrentDictionary<(string Endpoint, long ChainId, string Account), NonceManager> Shared = new();

    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>The process-wide manager of <paramref name="account"/> on chain <paramref name="chainId"/> at <paramref name="endpoint"/>.</summary>
    public static NonceManager For(Uri endpoint, long chainId, string account) =>
        Shared.GetOrAdd((endpoint.ToString(), chainId, account.ToLowerInvariant()), _ => new NonceManager());

    /// <summary>
    /// Runs <paramref name="send"/> (sign and broadcast) with the next nonce, <paramref name="pendingCount"/>, while no
    /// other send of this account runs.
    /// </summary>
    public async Task<T> SendWithNextNonceAsync<T>(Func<CancellationToken, Task<ulong>> pendingCount, Func<ulong, Task<T>> send, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await send(await pendingCount(ct).ConfigureAwait(false)).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }
}
