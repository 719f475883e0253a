using Livepeer.Core;
using Livepeer.Protocol.Views;

namespace Livepeer.Node.Payments;

/// <summary>The chain facts payments depend on, as a node last saw them (refreshed by the node, cached between segments).</summary>
public interface ITicketChainState
{
    /// <summary>The newest block number.</summary>
    long BlockNumber { get; }
    /// <summary>The current round, whether it is initialized, and its block hash.</summary>
    RoundInfoView Round { get; }
    /// <summary>
    /// The newest initialized round and its block hash, which tickets are created in; null until one is seen. By default
    /// the current round when it is initialized.
    /// </summary>
    (long Round, Hash BlockHash)? LastInitializedRound => Round.Initialized && !Round.CurrentRoundBlockHash.IsZero ? (Round.CurrentRound, Round.CurrentRoundBlockHash) : null;
    /// <summary>Ticket validity in rounds (TicketBroker's ticketValidityPeriod).</summary>
    long TicketValidityPeriod { get; }
    /// <summary>A sender's deposit, reserve and unlock state.</summary>
    ValueTask<SenderInfoView> SenderInfoAsync(Address sender, CancellationToken ct);
    /// <summary>What this recipient may still claim from the sender's reserve this round.</summary>
    ValueTask<UInt256> ClaimableReserveAsync(Address sender, Address recipient, CancellationToken ct);
}
