using System.Globalization;

namespace Livepeer.Chain.Rpc;

/// <summary>
/// The ledger's chain-level JSON-RPC methods (Ethereum-style names under lp_): chain id, head, blocks, sending
/// transactions, receipts, nonces and event logs. Protocol views are registered separately.
/// </summary>
public static class LedgerRpcMethods
{
    /// <summary>Widest block range one lp_getLogs call may scan.</summary>
    public const long MaxLogRange = 100_000;

    /// <summary>Registers the methods on <paramref name="dispatcher"/>.</summary>
    public static JsonRpcDispatcher AddLedgerMethods(this JsonRpcDispatcher dispatcher, ChainStore store, Sequencer sequencer, ulong chainId) => dispatcher
        .Register("lp_chainId", (_, _) => Result(Quantity(chainId)))
        .Register("lp_blockNumber", (_, _) => Result(Quantity((ulong)(store.Head()?.Number ?? 0))))
        .Register("lp_getBlockByNumber", (p, _) =>
        {
            var number = BlockNumber(p, 0, "block", store);
            var full = p.GetBool(1, "fullTransactions");
            return Result(store.GetBlock(number) is { } b ? BlockJson(b, full) : null);
        })
        .Register("lp_sendRawTransaction", (p, _) =>
        {
            var raw = p.Parse(0, "data", Hex.Decode);
            try
            {
                var admitted = sequencer.Submit(raw);
                return Result(new JsonObject { ["hash"] = admitted.Hash.ToString(), ["pendingBlock"] = Quantity((ulong)admitted.PendingBlockNumber) });
            }
            catch (TransactionRejectedException e)
            {
                throw new JsonRpcException(JsonRpcException.TransactionRejected, e.Message, new { reason = e.Reason });
            }
        })
        .Register("lp_getTransactionReceipt", (p, _) =>
        {
            var hash = p.Parse(0, "hash", Hash.Parse);
            return Result(store.GetTransaction(hash) is { } t ? ReceiptJson(t.BlockNumber, t.Index, t.Transaction, store) : null);
        })
        .Register("lp_waitForTransactionReceipt", async (p, ct) =>
        {
            var hash = p.Parse(0, "hash", Hash.Parse);
            var timeout = TimeSpan.FromMilliseconds(Math.Clamp(p.Find(1, "timeoutMs")?.GetInt32() ?? 30_000, 1, 120_000));
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            try { await sequencer.WaitForInclusionAsync(hash, cts.Token); }
            catch (KeyNotFoundException e) { throw new JsonRpcException(JsonRpcException.NotFound, e.Message); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new JsonRpcException(JsonRpcException.NotFound, $"Transaction {hash} was not included within {timeout.TotalMilliseconds} ms.");
            }
            var t = store.GetTransaction(hash)!.Value;
            return ReceiptJson(t.BlockNumber, t.Index, t.Transaction, store);
        })
        .Register("lp_getTransactionCount", (p, _) =>
        {
            var address = p.Parse(0, "address", Address.Parse);
            var pending = p.GetOptionalString(1, "block") == "pending";
            return Result(Quantity(pending ? sequencer.NextNonce(address) : store.NextNonce(address)));
        })
        .Register("lp_getLogs", (p, _) =>
        {
            var head = store.Head()?.Number ?? 0;
            var filter = p.Find(0, "filter");
            long from = 0, to = head;
            List<string>? names = null;
            if (filter is { ValueKind: JsonValueKind.Object } f)
            {
                if (f.TryGetProperty("fromBlock", out var fb)) from = ParseBlockTag(fb, head);
                if (f.TryGetProperty("toBlock", out var tb)) to = ParseBlockTag(tb, head);
                if (f.TryGetProperty("events", out var ev))
                {
                    if (ev.ValueKind != JsonValueKind.Array || ev.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                        throw new JsonRpcException(JsonRpcException.InvalidParams, "events must be an array of event names.");
                    names = ev.EnumerateArray().Select(e => e.GetString()!).ToList();
                }
            }
            else if (filter is not null && filter.Value.ValueKind != JsonValueKind.Null)
            {
                throw new JsonRpcException(JsonRpcException.InvalidParams, "The filter must be an object {fromBlock, toBlock, events}.");
            }
            if (from > to) throw new JsonRpcException(JsonRpcException.InvalidParams, $"fromBlock {from} is after toBlock {to}.");
            if (to - from > MaxLogRange) throw new JsonRpcException(JsonRpcException.InvalidParams, $"A log query spans at most {MaxLogRange} blocks; narrow fromBlock..toBlock.");
            return Result(new JsonArray(store.GetLogs(from, to, names).Select(l => (JsonNode)LogJson(l)).ToArray()));
        });

    private static ValueTask<object?> Result(object? value) => ValueTask.FromResult(value);

    /// <summary>A JSON-RPC hex quantity ("0x0", "0x1a").</summary>
    public static string Quantity(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static long BlockNumber(JsonRpcParams p, int index, string name, ChainStore store)
    {
        var head = store.Head()?.Number ?? 0;
        return p.Find(index, name) is { } e ? ParseBlockTag(e, head) : head;
    }

    private static long ParseBlockTag(JsonElement e, long head)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n) && n >= 0) return n;
        if (e.ValueKind == JsonValueKind.String)
        {
            var s = e.GetString()!;
            if (s is "latest" or "pending") return head;
            if (s == "earliest") return 0;
            if (s.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h) && h >= 0) return h;
        }
        throw new JsonRpcException(JsonRpcException.InvalidParams, $"A block is a hex quantity, a number, or latest/earliest/pending; got {e.GetRawText()}.");
    }

    internal static JsonObject BlockJson(StoredBlock b, bool fullTransactions)
    {
        var txs = new JsonArray();
        for (var i = 0; i < b.Transactions.Count; i++)
        {
            var t = b.Transactions[i];
            txs.Add(fullTransactions
                ? new JsonObject { ["hash"] = t.Hash.ToString(), ["from"] = t.Sender.ToString(), ["nonce"] = Quantity(t.Nonce), ["transactionIndex"] = Quantity((ulong)i), ["raw"] = Hex.Encode(t.Raw) }
                : JsonValue.Create(t.Hash.ToString()));
        }
        return new JsonObject
        {
            ["number"] = Quantity((ulong)b.Number),
            ["hash"] = b.Hash.ToString(),
            ["parentHash"] = b.ParentHash.ToString(),
            ["timestamp"] = Quantity((ulong)b.Timestamp),
            ["stateRoot"] = b.StateHash.ToString(),
            ["transactions"] = txs,
        };
    }

    private static JsonObject ReceiptJson(long blockNumber, int index, StoredTransaction t, ChainStore store)
    {
        var blockHash = store.GetBlock(blockNumber)!.Hash;
        var logs = new JsonArray();
        foreach (var e in t.Receipt.Events)
            logs.Add(new JsonObject { ["event"] = e.Name, ["args"] = JsonNode.Parse(e.Json) });
        return new JsonObject
        {
            ["transactionHash"] = t.Hash.ToString(),
            ["blockNumber"] = Quantity((ulong)blockNumber),
            ["blockHash"] = blockHash.ToString(),
            ["transactionIndex"] = Quantity((ulong)index),
            ["from"] = t.Sender.ToString(),
            ["nonce"] = Quantity(t.Nonce),
            ["status"] = t.Receipt.Success ? "0x1" : "0x0",
            ["error"] = t.Receipt.Error,
            ["logs"] = logs,
        };
    }

    internal static JsonObject LogJson(StoredLog l) => new()
    {
        ["blockNumber"] = Quantity((ulong)l.BlockNumber),
        ["blockHash"] = l.BlockHash.ToString(),
        ["transactionIndex"] = Quantity((ulong)l.TransactionIndex),
        ["transactionHash"] = l.TransactionHash.ToString(),
        ["logIndex"] = Quantity((ulong)l.LogIndex),
        ["event"] = l.Event.Name,
        ["args"] = JsonNode.Parse(l.Event.Json),
    };
}
