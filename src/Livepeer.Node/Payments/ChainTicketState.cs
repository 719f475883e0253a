using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Protocol.Views;

namespace Livepeer.Node.Payments;

/// <summary>
/// <see cref="ITicketChainState"/> from the ledger: the block, round and ticket validity are refreshed by
/// <see cref="RefreshAsync"/> (the node calls it every block time); sender funds are read when a payment needs them.
/// </summary>
public sealed class ChainTicketState(ILivepeerChain chain) : ITicketChainState
{
    private RoundInfoView? _round;
    private (long Round, Hash BlockHash)? _lastInitialized;

    /// <inheritdoc />
    public long BlockNumber { get; private set; }

    /// <inheritdoc />
    public RoundInfoView Round => _round ?? throw new InvalidOperationException("The chain state was never refreshed; call RefreshAsync first.");

    /// <inheritdoc />
    // Kept across a round change: until someone initializes the new round its block hash is zero, and tickets naming
    // it could never be redeemed; tickets of the previous round stay valid for the ticket validity period.
    public (long Round, Hash BlockHash)? LastInitializedRound => _lastInitialized;

    /// <inheritdoc />
    public long TicketValidityPeriod { get; private set; } = 2;

    /// <summary>Reads the block number, round and ticket validity from the ledger.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        BlockNumber = await chain.BlockNumberAsync(ct);
        var round = await chain.GetRoundInfoAsync(ct);
        if (round.Initialized && !round.CurrentRoundBlockHash.IsZero) _lastInitialized = (round.CurrentRound, round.CurrentRoundBlockHash);
        _round = round;
        TicketValidityPeriod = (await chain.GetParametersAsync(ct)).TicketValidityPeriod;
    }

    /// <inheritdoc />
    public async ValueTask<SenderInfoView> SenderInfoAsync(Address sender, CancellationToken ct) => await chain.GetSenderInfoAsync(sender, ct);

    /// <inheritdoc />
    public async ValueTask<UInt256> ClaimableReserveAsync(Address sender, Address recipient, CancellationToken ct) =>
        await chain.GetClaimableReserveAsync(sender, recipient, ct);
}
