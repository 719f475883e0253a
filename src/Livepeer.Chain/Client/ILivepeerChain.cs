using System.Collections.Immutable;

namespace Livepeer.Chain.Client;

/// <summary>
/// Everything a node does with the ledger, named after Livepeer's contract functions. Writes are signed by
/// <see cref="Account"/> and return once the transaction is in a block; a refused call throws
/// <see cref="ChainTransactionException"/> with the protocol's reason. The embedded ledger implements it over JSON-RPC;
/// an Ethereum-backed implementation can replace it without touching the roles. Disposing closes its connection.
/// </summary>
public interface ILivepeerChain : IDisposable
{
    /// <summary>The account that signs writes, or null for a read-only client.</summary>
    Address? Account { get; }

    // Chain
    /// <summary>The newest block's number.</summary>
    Task<long> BlockNumberAsync(CancellationToken ct = default);
    /// <summary>Protocol parameters.</summary>
    Task<ProtocolParameters> GetParametersAsync(CancellationToken ct = default);

    // RoundsManager
    /// <summary>The current round and whether it is initialized or locked.</summary>
    Task<RoundInfoView> GetRoundInfoAsync(CancellationToken ct = default);
    /// <summary>RoundsManager.initializeRound.</summary>
    Task<ChainReceipt> InitializeRoundAsync(CancellationToken ct = default);

    // LivepeerToken and ETH
    /// <summary>LPT, ETH and locked (vesting) LPT of an account.</summary>
    Task<BalanceView> GetBalanceAsync(Address account, CancellationToken ct = default);
    /// <summary>LivepeerToken.transfer.</summary>
    Task<ChainReceipt> TransferAsync(Address to, UInt256 amount, CancellationToken ct = default);
    /// <summary>LivepeerToken.approve.</summary>
    Task<ChainReceipt> ApproveAsync(Address spender, UInt256 amount, CancellationToken ct = default);
    /// <summary>Sends ETH.</summary>
    Task<ChainReceipt> SendEthAsync(Address to, UInt256 amount, CancellationToken ct = default);

    // BondingManager
    /// <summary>A delegator with its pending stake and fees.</summary>
    Task<DelegatorView> GetDelegatorAsync(Address delegator, CancellationToken ct = default);
    /// <summary>A transcoder (orchestrator).</summary>
    Task<TranscoderView> GetTranscoderAsync(Address transcoder, CancellationToken ct = default);
    /// <summary>The transcoder pool sorted by stake.</summary>
    Task<ImmutableArray<PoolEntry>> GetTranscoderPoolAsync(CancellationToken ct = default);
    /// <summary>BondingManager.bond.</summary>
    Task<ChainReceipt> BondAsync(UInt256 amount, Address to, CancellationToken ct = default);
    /// <summary>BondingManager.unbond.</summary>
    Task<ChainReceipt> UnbondAsync(UInt256 amount, CancellationToken ct = default);
    /// <summary>BondingManager.rebond.</summary>
    Task<ChainReceipt> RebondAsync(long unbondingLockId, CancellationToken ct = default);
    /// <summary>BondingManager.rebondFromUnbonded.</summary>
    Task<ChainReceipt> RebondFromUnbondedAsync(Address to, long unbondingLockId, CancellationToken ct = default);
    /// <summary>BondingManager.withdrawStake.</summary>
    Task<ChainReceipt> WithdrawStakeAsync(long unbondingLockId, CancellationToken ct = default);
    /// <summary>BondingManager.withdrawFees.</summary>
    Task<ChainReceipt> WithdrawFeesAsync(Address recipient, UInt256 amount, CancellationToken ct = default);
    /// <summary>BondingManager.transcoder(rewardCut, feeShare), in parts per million.</summary>
    Task<ChainReceipt> TranscoderAsync(long rewardCut, long feeShare, CancellationToken ct = default);
    /// <summary>BondingManager.reward.</summary>
    Task<ChainReceipt> RewardAsync(CancellationToken ct = default);
    /// <summary>BondingManager.claimEarnings.</summary>
    Task<ChainReceipt> ClaimEarningsAsync(long endRound, CancellationToken ct = default);

    // Minter
    /// <summary>Inflation, bonding rate, supply and treasury.</summary>
    Task<MinterInfoView> GetMinterInfoAsync(CancellationToken ct = default);

    // TicketBroker
    /// <summary>A sender's deposit and reserve.</summary>
    Task<SenderInfoView> GetSenderInfoAsync(Address sender, CancellationToken ct = default);
    /// <summary>What a recipient may still claim from a sender's reserve this round.</summary>
    Task<UInt256> GetClaimableReserveAsync(Address sender, Address recipient, CancellationToken ct = default);
    /// <summary>TicketBroker.fundDepositAndReserve.</summary>
    Task<ChainReceipt> FundDepositAndReserveAsync(UInt256 deposit, UInt256 reserve, CancellationToken ct = default);
    /// <summary>TicketBroker.unlock.</summary>
    Task<ChainReceipt> UnlockAsync(CancellationToken ct = default);
    /// <summary>TicketBroker.cancelUnlock.</summary>
    Task<ChainReceipt> CancelUnlockAsync(CancellationToken ct = default);
    /// <summary>TicketBroker.withdraw.</summary>
    Task<ChainReceipt> WithdrawAsync(CancellationToken ct = default);
    /// <summary>TicketBroker.redeemWinningTicket.</summary>
    Task<ChainReceipt> RedeemWinningTicketAsync(Ticket ticket, byte[] signature, UInt256 recipientRand, CancellationToken ct = default);

    // ServiceRegistry
    /// <summary>ServiceRegistry.setServiceURI.</summary>
    Task<ChainReceipt> SetServiceUriAsync(string serviceUri, CancellationToken ct = default);

    // Verification and slashing
    /// <summary>Submits two different signed results for one segment; slashes at once.</summary>
    Task<ChainReceipt> SlashEquivocationAsync(EquivocationEvidence evidence, CancellationToken ct = default);
    /// <summary>Reports an orchestrator's result that failed verification (the caller is the finder); verifiers then attest.</summary>
    Task<ChainReceipt> ReportFailedVerificationAsync(Address transcoder, Hash evidence, string evidenceUri, CancellationToken ct = default);
    /// <summary>The state of a failed-verification report (reported, attestations, settled).</summary>
    Task<EvidenceView> GetEvidenceAsync(Address transcoder, Hash evidence, CancellationToken ct = default);
    /// <summary>A verifier attests that an orchestrator failed verification.</summary>
    Task<ChainReceipt> AttestFailedVerificationAsync(Address transcoder, Hash evidence, CancellationToken ct = default);

    // Governance
    /// <summary>Proposals with their status.</summary>
    Task<ImmutableArray<ProposalView>> GetProposalsAsync(CancellationToken ct = default);
    /// <summary>Creates a proposal.</summary>
    Task<ChainReceipt> ProposeAsync(ImmutableArray<ProposalAction> actions, string description, CancellationToken ct = default);
    /// <summary>Votes on a proposal.</summary>
    Task<ChainReceipt> VoteAsync(long proposalId, VoteSupport support, CancellationToken ct = default);
    /// <summary>Executes a passed proposal.</summary>
    Task<ChainReceipt> ExecuteAsync(long proposalId, CancellationToken ct = default);

    /// <summary>Sends any protocol call and waits for it to be in a block.</summary>
    Task<ChainReceipt> SendAsync(ProtocolCall call, CancellationToken ct = default);
}
