using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Livepeer.Chain.Transactions;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Calls;

namespace Livepeer.Chain.Tests.Crash;

/// <summary>A transaction the ledger acknowledged as included: its receipt named this block.</summary>
internal sealed record AcknowledgedTransaction(Hash Hash, Address Sender, ulong Nonce, long BlockNumber, Hash BlockHash);

/// <summary>
/// Several senders submitting signed transfers (to recipients that never send, so every transfer moves the state on) as fast as the ledger takes them, each pipelining a few nonces and then
/// waiting for the receipts. Only a returned receipt counts as an acknowledgement; a send whose node died is forgotten.
/// </summary>
internal sealed class TransactionFlood(TransactionCodec codec, IReadOnlyList<PrivateKey> senders, IReadOnlyList<Address> recipients, int pipeline)
{
    private long _submitted;

    /// <summary>Every acknowledged transaction so far, by hash.</summary>
    public ConcurrentDictionary<Hash, AcknowledgedTransaction> Acknowledged { get; } = new();

    /// <summary>Transactions the node admitted (acknowledged or not).</summary>
    public long Submitted => Interlocked.Read(ref _submitted);

    /// <summary>Floods until cancelled or until the node stops answering.</summary>
    public Task RunAsync(Uri rpc, CancellationToken cancellationToken) =>
        Task.WhenAll(senders.Select((key, i) => Task.Run(() => SendAsync(rpc, key, recipients[i % recipients.Count], cancellationToken), CancellationToken.None)));

    private async Task SendAsync(Uri rpc, PrivateKey key, Address to, CancellationToken cancellationToken)
    {
        using var client = new LedgerRpcClient(rpc);
        try
        {
            var nonce = await PendingNonceAsync(client, key.Address, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                var hashes = new List<(Hash Hash, ulong Nonce)>();
                try
                {
                    for (var i = 0; i < pipeline; i++, nonce++)
                    {
                        object call = nonce % 2 == 0 ? new TransferCall(to, (UInt256)1000) : new SendEthCall(to, (UInt256)7);
                        var raw = codec.Encode(call, nonce, key);
                        var sent = await client.CallAsync("lp_sendRawTransaction", [Hex.Encode(raw)], cancellationToken);
                        hashes.Add((Hash.Parse(sent.GetProperty("hash").GetString()!), nonce));
                        Interlocked.Increment(ref _submitted);
                    }
                }
                catch (LedgerRpcError e) when (e.Reason is "NonceTooLow" or "NonceGap")
                {
                    nonce = await PendingNonceAsync(client, key.Address, cancellationToken);
                }
                foreach (var (hash, n) in hashes)
                {
                    var receipt = await client.CallAsync("lp_waitForTransactionReceipt", [hash.ToString(), 60_000], cancellationToken);
                    Assert.Equal("0x1", receipt.GetProperty("status").GetString());
                    Assert.Equal(hash, Hash.Parse(receipt.GetProperty("transactionHash").GetString()!));
                    Acknowledged[hash] = new AcknowledgedTransaction(hash, key.Address, n, Quantity(receipt.GetProperty("blockNumber")), Hash.Parse(receipt.GetProperty("blockHash").GetString()!));
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            // The node was killed (or the cycle ended): whatever was not acknowledged is not owed.
        }
    }

    private static async Task<ulong> PendingNonceAsync(LedgerRpcClient client, Address sender, CancellationToken cancellationToken) =>
        (ulong)Quantity(await client.CallAsync("lp_getTransactionCount", [sender.ToString(), "pending"], cancellationToken));

    /// <summary>Parses a JSON-RPC hex quantity.</summary>
    public static long Quantity(JsonElement e) => long.Parse(e.GetString()!.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
