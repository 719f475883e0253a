using System.Numerics;
using Livepeer.Chain.Client;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Newtonsoft.Json.Linq;

namespace Livepeer.Ethereum.Rpc;

/// <summary>How often and how patiently a transient RPC failure (connection refused, timeout, HTTP 5xx/429) is retried.</summary>
public sealed record RpcRetryPolicy
{
    /// <summary>Attempts per request, the first included.</summary>
    public int Attempts { get; init; } = 5;
    /// <summary>The wait before the second attempt; it doubles after each failure.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);
    /// <summary>How long one HTTP request may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// An EVM node's JSON-RPC endpoint through Nethereum's client, with transient failures retried. JSON-RPC errors
/// (a revert, a refused transaction) are never retried: they reach the caller as <see cref="RpcResponseException"/>.
/// </summary>
public sealed class EthereumRpc : IDisposable
{
    private readonly HttpClient _http;
    private readonly RpcRetryPolicy _retry;

    /// <summary>A client of <paramref name="url"/>.</summary>
    public EthereumRpc(Uri url, RpcRetryPolicy? retry = null)
    {
        if (url.Scheme is not ("http" or "https"))
            throw new ArgumentException($"'{url}' is not an http(s) JSON-RPC URL.", nameof(url));
        Url = url;
        _retry = retry ?? new RpcRetryPolicy();
        _http = new HttpClient { Timeout = _retry.RequestTimeout };
        Client = new RpcClient(url, _http);
    }

    /// <summary>The endpoint.</summary>
    public Uri Url { get; }

    private IClient Client { get; }

    /// <summary>Sends <paramref name="method"/> with <paramref name="parameters"/>, retrying transient failures.</summary>
    public async Task<T> RequestAsync<T>(string method, CancellationToken ct, params object[] parameters)
    {
        var backoff = _retry.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                return await Client.SendRequestAsync<T>(method, null, parameters).WaitAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e))
            {
                if (attempt >= _retry.Attempts)
                    throw new ChainUnavailableException(
                        $"The Ethereum node at {Url} did not answer {method} after {attempt} attempts ({e.Message}). Check --eth-url and that the node is running.", e);
                await Task.Delay(backoff, ct).ConfigureAwait(false);
                backoff *= 2;
            }
        }
    }

    /// <summary>Whether a failure is worth retrying: the request may not have reached a healthy node.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        RpcClientTimeoutException => true,
        RpcClientUnknownException => true, // connection refused/reset, HTTP 5xx or 429 (Nethereum wraps them all)
        HttpRequestException => true,
        TaskCanceledException t => t.InnerException is TimeoutException,
        RpcResponseException r => r.RpcError?.Code is -32005 or 429, // "limit exceeded" / rate limited
        _ => false,
    };

    /// <summary>eth_chainId.</summary>
    public async Task<long> ChainIdAsync(CancellationToken ct = default) => (long)(await RequestAsync<HexBigInteger>("eth_chainId", ct)).Value;

    /// <summary>eth_blockNumber.</summary>
    public async Task<long> BlockNumberAsync(CancellationToken ct = default) => (long)(await RequestAsync<HexBigInteger>("eth_blockNumber", ct)).Value;

    /// <summary>A block (transaction hashes only) as the node returns it, with any chain-specific fields; null when it does not exist.</summary>
    public Task<JObject?> GetBlockJsonAsync(string blockTag, CancellationToken ct = default) =>
        RequestAsync<JObject?>("eth_getBlockByNumber", ct, blockTag, false);

    /// <summary>A block by number; null when it does not exist (yet).</summary>
    public Task<JObject?> GetBlockJsonAsync(long number, CancellationToken ct = default) => GetBlockJsonAsync(Hex(number), ct);

    /// <summary>eth_getTransactionCount at "pending" or "latest".</summary>
    public async Task<ulong> TransactionCountAsync(string address, string blockTag, CancellationToken ct = default) =>
        (ulong)(await RequestAsync<HexBigInteger>("eth_getTransactionCount", ct, address, blockTag)).Value;

    /// <summary>eth_getBalance at the latest block.</summary>
    public async Task<BigInteger> BalanceAsync(string address, CancellationToken ct = default) =>
        (await RequestAsync<HexBigInteger>("eth_getBalance", ct, address, "latest")).Value;

    /// <summary>eth_getCode at the latest block ("0x" when there is none).</summary>
    public Task<string> CodeAsync(string address, CancellationToken ct = default) => RequestAsync<string>("eth_getCode", ct, address, "latest");

    /// <summary>eth_call at <paramref name="blockTag"/>; a revert throws <see cref="RpcResponseException"/> with the revert data.</summary>
    public Task<string> CallAsync(CallInput call, string blockTag = "latest", CancellationToken ct = default) => RequestAsync<string>("eth_call", ct, call, blockTag);

    /// <summary>eth_estimateGas; a revert throws <see cref="RpcResponseException"/> with the revert data.</summary>
    public async Task<BigInteger> EstimateGasAsync(CallInput call, CancellationToken ct = default) => (await RequestAsync<HexBigInteger>("eth_estimateGas", ct, call)).Value;

    /// <summary>eth_maxPriorityFeePerGas, or null when the node does not implement it.</summary>
    public async Task<BigInteger?> MaxPriorityFeePerGasAsync(CancellationToken ct = default)
    {
        try
        {
            return (await RequestAsync<HexBigInteger>("eth_maxPriorityFeePerGas", ct)).Value;
        }
        catch (RpcResponseException e) when (e.RpcError?.Code == -32601)
        {
            return null;
        }
    }

    /// <summary>eth_sendRawTransaction; returns the transaction hash.</summary>
    public Task<string> SendRawTransactionAsync(string signedHex, CancellationToken ct = default) => RequestAsync<string>("eth_sendRawTransaction", ct, signedHex);

    /// <summary>eth_getTransactionReceipt; null while the transaction is not in a block.</summary>
    public Task<TransactionReceipt?> ReceiptAsync(string hash, CancellationToken ct = default) => RequestAsync<TransactionReceipt?>("eth_getTransactionReceipt", ct, hash);

    /// <summary>eth_getTransactionByHash; null when the node does not know it.</summary>
    public Task<Transaction?> TransactionAsync(string hash, CancellationToken ct = default) => RequestAsync<Transaction?>("eth_getTransactionByHash", ct, hash);

    /// <summary>eth_getLogs over a block range.</summary>
    public Task<FilterLog[]> LogsAsync(NewFilterInput filter, CancellationToken ct = default) => RequestAsync<FilterLog[]>("eth_getLogs", ct, filter);

    /// <summary>A block number as the 0x-quantity JSON-RPC takes.</summary>
    public static string Hex(long number) => "0x" + number.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Closes the HTTP client.</summary>
    public void Dispose() => _http.Dispose();
}
