using System.Buffers.Binary;

namespace Livepeer.Chain.Execution;

/// <summary>
/// Runs the Livepeer protocol state machine for the sequencer and keeps the ledger's own state beside it: each
/// sender's next nonce. Snapshots and the state hash cover both.
/// </summary>
public sealed class ProtocolExecutor(ProtocolState genesis) : ITransactionExecutor
{
    private readonly ProtocolEngine _engine = new(Secp256k1SignatureRecovery.Instance);
    private readonly SortedDictionary<Address, ulong> _nonces = [];

    /// <summary>Every protocol call record type: the ledger's transaction types, as <see cref="CallRegistry"/> declares them.</summary>
    public static IReadOnlyList<Type> CallTypes { get; } = CallRegistry.Calls.Select(c => c.Signed.Type).ToList();

    /// <summary>The protocol state (read it under the sequencer's lock, or from a snapshot).</summary>
    public ProtocolState State { get; private set; } = genesis;

    /// <inheritdoc />
    public ExecutionOutcome Execute(PendingBlockContext block, LedgerTransaction transaction)
    {
        if (transaction.Call is not ProtocolCall call) return ExecutionOutcome.Refused($"UnknownCall: {transaction.Call.GetType().Name} is not a protocol call");
        // Ledger policy, not protocol: the ledger charges no gas, so a key holding nothing could fill blocks for free.
        // Appointed verifiers hold a role instead of funds: they are let through.
        if (!HasSomethingToLose(transaction.Sender))
            return ExecutionOutcome.Refused($"SenderHasNothing: {transaction.Sender} holds no ETH, no LPT, no bond and no deposit and is no appointed verifier; fund it first");
        // The open block's own hash is not known until it is sealed; the protocol only reads the parent's hash.
        var context = new BlockContext(block.Number, Hash.Zero, block.ParentHash, block.Timestamp);
        var result = _engine.Apply(State, context, transaction.Sender, call);
        if (!result.Succeeded) return ExecutionOutcome.Refused($"{result.Error}: {result.Message}");
        _nonces[transaction.Sender] = transaction.Nonce + 1;
        return ExecutionOutcome.Ok(result.Events
            .Select(e => new StoredEvent(e.Name, JsonSerializer.Serialize(e, e.GetType(), ProtocolJson.Options)))
            .ToList());
    }

    private bool HasSomethingToLose(Address a) =>
        !State.EthBalanceOf(a).IsZero || !State.LptBalanceOf(a).IsZero || State.Delegators.Contains(a) || State.Senders.Contains(a) || State.Transcoders.Contains(a)
        || State.Governance.Value.Verifiers.Contains(a);

    /// <inheritdoc />
    public ulong NextNonce(Address sender) => _nonces.GetValueOrDefault(sender);

    /// <inheritdoc />
    public Hash StateHash() => Keccak256.Hash(Snapshot());

    /// <summary>Layout: protocol state length (4 bytes) | protocol state | nonce count (4) | (address 20 | nonce 8)*.</summary>
    public byte[] Snapshot()
    {
        var protocol = State.Serialize();
        var bytes = new byte[4 + protocol.Length + 4 + _nonces.Count * 28];
        BinaryPrimitives.WriteInt32BigEndian(bytes, protocol.Length);
        protocol.CopyTo(bytes, 4);
        var offset = 4 + protocol.Length;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(offset), _nonces.Count);
        offset += 4;
        foreach (var (address, nonce) in _nonces)
        {
            address.Bytes.CopyTo(bytes.AsSpan(offset));
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(offset + 20), nonce);
            offset += 28;
        }
        return bytes;
    }

    /// <inheritdoc />
    public void Restore(byte[] snapshot)
    {
        try
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(snapshot);
            var state = ProtocolState.Deserialize(snapshot.AsSpan(4, length));
            var offset = 4 + length;
            var count = BinaryPrimitives.ReadInt32BigEndian(snapshot.AsSpan(offset));
            offset += 4;
            if (count < 0 || snapshot.Length != offset + count * 28) throw new FormatException("nonce table length does not match");
            _nonces.Clear();
            for (var i = 0; i < count; i++, offset += 28)
                _nonces[new Address(snapshot.AsSpan(offset, 20))] = BinaryPrimitives.ReadUInt64BigEndian(snapshot.AsSpan(offset + 20));
            State = state;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IndexOutOfRangeException or InvalidDataException)
        {
            throw new ChainStoreException($"The stored state snapshot cannot be read ({e.Message}); the database is damaged or from another version. Start with a fresh --datadir.", e);
        }
    }
}
