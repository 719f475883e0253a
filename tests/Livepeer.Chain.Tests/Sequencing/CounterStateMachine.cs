using System.Text;
using System.Text.Json;
using Livepeer.Chain.Sequencing;
using Livepeer.Chain.Storage;
using Livepeer.Core;
using Livepeer.Core.Crypto;

namespace Livepeer.Chain.Tests.Sequencing;

/// <summary>A tiny deterministic state machine for ledger tests: per-account counters that refuse to go negative.</summary>
internal sealed class CounterStateMachine : ITransactionExecutor, ITransactionDecoder
{
    private SortedDictionary<string, long> _counters = new(StringComparer.Ordinal);
    private SortedDictionary<string, ulong> _nonces = new(StringComparer.Ordinal);

    internal sealed record Op(string Sender, ulong Nonce, long Delta);

    public static byte[] Raw(Address sender, ulong nonce, long delta) =>
        JsonSerializer.SerializeToUtf8Bytes(new Op(sender.ToString(), nonce, delta));

    public LedgerTransaction Decode(byte[] raw)
    {
        Op op;
        try { op = JsonSerializer.Deserialize<Op>(raw) ?? throw new JsonException("null"); }
        catch (JsonException e) { throw new TransactionRejectedException("Malformed", $"Not a transaction: {e.Message}"); }
        return new LedgerTransaction(Keccak256.Hash(raw), Address.Parse(op.Sender), op.Nonce, raw, op);
    }

    public ExecutionOutcome Execute(PendingBlockContext block, LedgerTransaction transaction)
    {
        var op = (Op)transaction.Call;
        var current = _counters.GetValueOrDefault(op.Sender);
        if (current + op.Delta < 0) return ExecutionOutcome.Refused($"InsufficientBalance: {current} + {op.Delta} < 0");
        _counters[op.Sender] = current + op.Delta;
        _nonces[op.Sender] = transaction.Nonce + 1;
        return ExecutionOutcome.Ok([new StoredEvent("Counted", $"{{\"block\":{block.Number},\"value\":{current + op.Delta}}}")]);
    }

    public long Value(Address a) => _counters.GetValueOrDefault(a.ToString());
    public ulong NextNonce(Address sender) => _nonces.GetValueOrDefault(sender.ToString());
    public Hash StateHash() => Keccak256.Hash(Snapshot());
    public byte[] Snapshot() => JsonSerializer.SerializeToUtf8Bytes(new object[] { _counters, _nonces });

    public void Restore(byte[] snapshot)
    {
        var doc = JsonDocument.Parse(snapshot).RootElement;
        _counters = new(doc[0].Deserialize<Dictionary<string, long>>()!, StringComparer.Ordinal);
        _nonces = new(doc[1].Deserialize<Dictionary<string, ulong>>()!, StringComparer.Ordinal);
    }

    public static string Describe(byte[] raw) => Encoding.UTF8.GetString(raw);
}
