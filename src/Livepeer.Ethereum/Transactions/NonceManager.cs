using System.Collections.Concurrent;

namespace Livepeer.Ethereum.Transactions;

/// <summary>
/// Hands out an account's nonces one at a time, so transactions sent at once (reward, redemption, registration) get
/// contiguous nonces. One instance per chain and account, shared by every sender in the process. A nonce is consumed
/// only when its transaction was accepted; after any other failure the next one is re-read from the node's pending count.
/// </summary>
public sealed class NonceManager
{
    private static readonly ConcurrentDictionary<(string Endpoint, long ChainId, string Account), NonceManager> Shared = new();

    private readonly SemaphoreSlim _lock = new(1, 1);
    private ulong? _next;

    /// <summary>The process-wide manager of <paramref name="account"/> on chain <paramref name="chainId"/> at <paramref name="endpoint"/>.</summary>
    public static NonceManager For(Uri endpoint, long chainId, string account) =>
        Shared.GetOrAdd((endpoint.ToString(), chainId, account.ToLowerInvariant()), _ => new NonceManager());

    /// <summary>
    /// Runs <paramref name="send"/> with the next nonce while no other send of this account runs. <paramref name="pendingCount"/>
    /// reads the node's pending transaction count.
    /// </summary>
    public async Task<T> SendWithNextNonceAsync<T>(Func<CancellationToken, Task<ulong>> pendingCount, Func<ulong, Task<T>> send, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // The node's count covers transactions this process did not send (another process, a restart); the cached
            // next nonce covers a node whose pending count lags behind what it just accepted.
            var pending = await pendingCount(ct).ConfigureAwait(false);
            var nonce = _next is { } next && next > pending ? next : pending;
            try
            {
                var result = await send(nonce).ConfigureAwait(false);
                _next = nonce + 1;
                return result;
            }
            catch
            {
                _next = null;
                throw;
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
