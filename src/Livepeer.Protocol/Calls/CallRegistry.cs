namespace Livepeer.Protocol.Calls;

/// <summary>One transaction type: its signed struct and what the engine runs for it.</summary>
public sealed record CallDeclaration(SignedStruct Signed, Action<CallContext, ProtocolCall> Apply);

/// <summary>
/// Every transaction type in one table: the call record, its signed (EIP-712) name and fields, and its handler. The
/// ledger's transaction catalog, the engine's dispatch and the signing format are all read from here, so a call record
/// without an entry is found by a test rather than at run time. The names are the wire: they must never change.
/// </summary>
public static class CallRegistry
{
    /// <summary>The transaction types, sorted by signed name.</summary>
    public static IReadOnlyList<CallDeclaration> Calls { get; } =
    [
        Call<ApproveCall>("Approve", "address spender, uint256 amount", (ctx, c) => LivepeerToken.Approve(ctx, ctx.Caller, c.Spender, c.Amount)),
        Call<AttestFailedVerificationCall>("AttestFailedVerification", "address transcoder, bytes32 evidence",
            (ctx, c) => SlashingModule.AttestFailedVerification(ctx, c.Transcoder, c.Evidence)),
        Call<BondCall>("Bond", "uint256 amount, address to", (ctx, c) => BondingManager.Bond(ctx, c.Amount, ctx.Caller, c.To)),
        Call<BondForCall>("BondFor", "uint256 amount, address owner, address to", (ctx, c) => BondingManager.Bond(ctx, c.Amount, c.Owner, c.To)),
        Call<CancelUnlockCall>("CancelUnlock", "", (ctx, _) => TicketBrokerModule.CancelUnlock(ctx)),
        Call<ClaimEarningsCall>("ClaimEarnings", "int64 endRound", (ctx, _) => BondingManager.ClaimEarningsCall(ctx)),
        Call<ExecuteCall>("Execute", "int64 proposalId", (ctx, c) => GovernanceModule.Execute(ctx, c.ProposalId)),
        Call<FundDepositCall>("FundDeposit", "uint256 amount", (ctx, c) => TicketBrokerModule.Fund(ctx, ctx.Caller, c.Amount, UInt256.Zero)),
        Call<FundDepositAndReserveCall>("FundDepositAndReserve", "uint256 depositAmount, uint256 reserveAmount",
            (ctx, c) => TicketBrokerModule.Fund(ctx, ctx.Caller, c.DepositAmount, c.ReserveAmount)),
        Call<FundDepositAndReserveForCall>("FundDepositAndReserveFor", "address sender, uint256 depositAmount, uint256 reserveAmount",
            (ctx, c) => TicketBrokerModule.Fund(ctx, c.Sender, c.DepositAmount, c.ReserveAmount)),
        Call<FundReserveCall>("FundReserve", "uint256 amount", (ctx, c) => TicketBrokerModule.Fund(ctx, ctx.Caller, UInt256.Zero, c.Amount)),
        Call<InitializeRoundCall>("InitializeRound", "", (ctx, _) => RoundsManager.InitializeRound(ctx)),
        // EIP-712 has no polymorphism: the action list is one array per concrete action type.
        Call<ProposeCall>("Propose",
            "ParameterChange[] parameterChanges, TreasurySpend[] treasurySpends, VerifierSetChange[] verifierSetChanges, string description",
            (ctx, c) => GovernanceModule.Propose(ctx, c.Actions, c.Description)),
        Call<RebondCall>("Rebond", "int64 unbondingLockId", (ctx, c) => BondingManager.Rebond(ctx, c.UnbondingLockId)),
        Call<RebondFromUnbondedCall>("RebondFromUnbonded", "address to, int64 unbondingLockId",
            (ctx, c) => BondingManager.RebondFromUnbonded(ctx, c.To, c.UnbondingLockId)),
        Call<RedeemWinningTicketCall>("RedeemWinningTicket", "Ticket ticket, bytes signature, uint256 recipientRand", (ctx, c) =>
        {
            if (c.Ticket is null || c.Signature is null) throw CallContext.Fail(ProtocolError.UnknownCall, "redeemWinningTicket needs a ticket and a signature");
            TicketBrokerModule.RedeemWinningTicket(ctx, c.Ticket, c.Signature, c.RecipientRand);
        }),
        Call<ReportFailedVerificationCall>("ReportFailedVerification", "address transcoder, bytes32 evidence, string evidenceUri",
            (ctx, c) => SlashingModule.ReportFailedVerification(ctx, c.Transcoder, c.Evidence, c.EvidenceUri)),
        Call<RewardCall>("Reward", "", (ctx, _) => BondingManager.Reward(ctx)),
        Call<SendEthCall>("SendEth", "address to, uint256 amount", (ctx, c) => LivepeerToken.TransferEth(ctx, ctx.Caller, NotProtocolAccount(c.To), c.Amount)),
        Call<SetServiceUriCall>("SetServiceUri", "string serviceUri", (ctx, c) => ServiceRegistryModule.SetServiceUri(ctx, c.ServiceUri)),
        Call<SlashEquivocationCall>("SlashEquivocation", "EquivocationEvidence evidence", (ctx, c) =>
        {
            if (c.Evidence is null) throw CallContext.Fail(ProtocolError.InvalidEvidence, "no evidence given");
            SlashingModule.SlashEquivocation(ctx, c.Evidence);
        }),
        Call<TranscoderUpdateCall>("TranscoderUpdate", "int64 rewardCut, int64 feeShare", (ctx, c) => BondingManager.TranscoderUpdate(ctx, c.RewardCut, c.FeeShare)),
        Call<TransferCall>("Transfer", "address to, uint256 amount", (ctx, c) => LivepeerToken.Transfer(ctx, ctx.Caller, NotProtocolAccount(c.To), c.Amount)),
        Call<TransferBondCall>("TransferBond", "address delegator, uint256 amount", (ctx, c) => BondingManager.TransferBond(ctx, c.Delegator, c.Amount)),
        Call<TransferFromCall>("TransferFrom", "address from, address to, uint256 amount",
            (ctx, c) => LivepeerToken.TransferFrom(ctx, ctx.Caller, c.From, NotProtocolAccount(c.To), c.Amount)),
        Call<UnbondCall>("Unbond", "uint256 amount", (ctx, c) => BondingManager.Unbond(ctx, ctx.Caller, c.Amount)),
        Call<UnlockCall>("Unlock", "", (ctx, _) => TicketBrokerModule.Unlock(ctx)),
        Call<VoteCall>("Vote", "int64 proposalId, uint8 support", (ctx, c) => GovernanceModule.Vote(ctx, c.ProposalId, c.Support)),
        Call<WithdrawCall>("Withdraw", "", (ctx, _) => TicketBrokerModule.Withdraw(ctx)),
        Call<WithdrawFeesCall>("WithdrawFees", "address recipient, uint256 amount", (ctx, c) => BondingManager.WithdrawFees(ctx, c.Recipient, c.Amount)),
        Call<WithdrawStakeCall>("WithdrawStake", "int64 unbondingLockId", (ctx, c) => BondingManager.WithdrawStake(ctx, c.UnbondingLockId)),
    ];

    /// <summary>The records nested in transactions (arguments that are structs).</summary>
    public static IReadOnlyList<SignedStruct> Structs { get; } =
    [
        SignedStruct.Of<EquivocationEvidence>("EquivocationEvidence",
            "address orchestrator, string manifestId, int64 seq, bytes32 profilesHash, SignedResult first, SignedResult second"),
        SignedStruct.Of<ParameterChange>("ParameterChange", "uint8 name, uint256 value"),
        SignedStruct.Of<SignedResult>("SignedResult", "bytes32 sourceHash, bytes32 resultHash, bytes signature"),
        SignedStruct.Of<Ticket>("Ticket",
            "address recipient, address sender, uint256 faceValue, uint256 winProb, uint256 senderNonce, bytes32 recipientRandHash, int64 creationRound, bytes32 creationRoundBlockHash"),
        SignedStruct.Of<TreasurySpend>("TreasurySpend", "address recipient, uint256 amount"),
        SignedStruct.Of<VerifierSetChange>("VerifierSetChange", "address[] verifiers, int32 threshold"),
    ];

    private static readonly Dictionary<Type, CallDeclaration> ByType = Calls.ToDictionary(c => c.Signed.Type);

    /// <summary>The declaration of a call record type, or null when it has none.</summary>
    public static CallDeclaration? Find(Type callType) => ByType.GetValueOrDefault(callType);

    /// <summary>Runs <paramref name="call"/>'s handler; a call record without an entry fails as UnknownCall.</summary>
    internal static void Dispatch(CallContext ctx, ProtocolCall call) =>
        (Find(call.GetType()) ?? throw CallContext.Fail(ProtocolError.UnknownCall, $"unknown call {call.GetType().Name}")).Apply(ctx, call);

    private static CallDeclaration Call<T>(string name, string fields, Action<CallContext, T> apply) where T : ProtocolCall =>
        new(SignedStruct.Of<T>(name, fields), (ctx, call) => apply(ctx, (T)call));

    // Protocol accounts only receive funds through protocol calls (bond, fund...), which keeps their books exact.
    private static Address NotProtocolAccount(Address to) => ProtocolAccounts.IsProtocolAccount(to)
        ? throw CallContext.Fail(ProtocolError.InvalidAddress, $"{to} is a protocol account; use bond or fundDeposit instead of a plain transfer")
        : to;
}
