using Livepeer.Core;
using Livepeer.Protocol.Calls;

namespace Livepeer.Ethereum.Tests.Differential;

/// <summary>
/// One implementation of the protocol that the differential test drives: the C# <see cref="Protocol.Engine.ProtocolEngine"/>
/// (<see cref="EngineTarget"/>) or, later, the contracts on an anvil node. Both start from the same genesis and receive the
/// same calls; the runner compares whether each call is accepted and, at checkpoints, every observable number.
/// </summary>
public interface IProtocolTarget : IAsyncDisposable
{
    /// <summary>A short name for reports ("engine", "evm").</summary>
    string Name { get; }

    /// <summary>Moves the chain to the first block of <paramref name="round"/> (later than the current one) without initializing it.</summary>
    Task AdvanceToRoundAsync(long round);

    /// <summary>The block hash stored for <paramref name="round"/> by its initializeRound (what tickets of that round carry).</summary>
    Task<Hash> RoundBlockHashAsync(long round);

    /// <summary>The account's stake if it claimed now (BondingManager.pendingStake), for calls that use "all of it".</summary>
    Task<UInt256> PendingStakeAsync(Address account);

    /// <summary>
    /// Sends one call from <paramref name="caller"/> in the current round. The outer task completes when the call is sent,
    /// the inner one with its outcome, which a target that batches calls into blocks may only know after <see cref="FlushAsync"/>.
    /// </summary>
    Task<Task<CallOutcome>> ApplyAsync(Address caller, ProtocolCall call);

    /// <summary>Executes every call sent so far (a no-op for a target that executes each call as it is sent).</summary>
    Task FlushAsync();

    /// <summary>Everything the comparison looks at, for the given accounts.</summary>
    Task<ProtocolSnapshot> SnapshotAsync(IReadOnlyList<Address> accounts);
}

/// <summary>Whether a call was accepted; on refusal, the reason as the target names it (not compared: the names differ).</summary>
public sealed record CallOutcome(bool Accepted, string Reason)
{
    /// <summary>An accepted call.</summary>
    public static CallOutcome Ok { get; } = new(true, "");
}
