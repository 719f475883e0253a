namespace Livepeer.Protocol.Engine;

/// <summary>Everything one call sees: the state, the block, the caller, the current round, and where events go.</summary>
public sealed class CallContext
{
    internal CallContext(ProtocolState state, BlockContext block, Address caller, long currentRound, ISignatureRecovery signatures)
        => (State, Block, Caller, CurrentRound, Signatures) = (state, block, caller, currentRound, signatures);

    /// <summary>The state being changed.</summary>
    public ProtocolState State { get; }
    /// <summary>The block.</summary>
    public BlockContext Block { get; }
    /// <summary>msg.sender.</summary>
    public Address Caller { get; }
    /// <summary>The round the block is in.</summary>
    public long CurrentRound { get; }
    /// <summary>Signature recovery for tickets and evidence.</summary>
    public ISignatureRecovery Signatures { get; }
    /// <summary>Events emitted so far.</summary>
    public List<ProtocolEvent> Events { get; } = new(4);

    /// <summary>Current parameters.</summary>
    public ProtocolParameters Parameters => State.Parameters.Value;

    /// <summary>Records an event.</summary>
    public void Emit(ProtocolEvent e) => Events.Add(e);

    /// <summary>Aborts the call with a named error.</summary>
    public static ProtocolException Fail(ProtocolError error, string message) => new(error, message);

    /// <summary>Throws unless <paramref name="condition"/> holds.</summary>
    public static void Require(bool condition, ProtocolError error, string message)
    {
        if (!condition) throw new ProtocolException(error, message);
    }

    /// <summary>Staking, rewards and redemption need the current round initialized (Livepeer's currentRoundInitialized).</summary>
    public void RequireRoundInitialized() =>
        Require(State.Rounds.Value.LastInitializedRound == CurrentRound, ProtocolError.RoundNotInitialized,
            $"round {CurrentRound} is not initialized yet; call initializeRound first");
}
