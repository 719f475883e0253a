namespace Livepeer.Protocol.TicketBroker;

/// <summary>
/// Livepeer's TicketBroker: deposits and reserves, unlock/withdraw, and winning-ticket redemption with every check in
/// DESIGN.md's order. Unlike the deployed contract, a ticket is refused (not burned) when the sender cannot cover its
/// full face value.
/// </summary>
public static class TicketBrokerModule
{
    /// <summary>True unless an unlock has matured: withdrawRound == 0 or currentRound &lt; withdrawRound.</summary>
    public static bool IsLocked(SenderInfo s, long round) => s.WithdrawRound == 0 || round < s.WithdrawRound;

    /// <summary>
    /// claimableReserve: (remaining reserve + claimed this round) / the transcoder pool's current size, less what
    /// <paramref name="recipient"/> already claimed this round; 0 unless the recipient can earn this round.
    /// </summary>
    public static UInt256 ClaimableReserve(ProtocolState s, Address sender, Address recipient, long round)
    {
        if (!BondingManager.CanEarn(s, recipient, round)) return UInt256.Zero;
        var poolSize = s.Pool.Value.Count; // the live pool size (getTranscoderPoolSize), as deployed
        if (poolSize == 0) return UInt256.Zero;
        var info = s.SenderOf(sender);
        var total = info.ReserveRemaining + info.ClaimedIn(round);
        var claim = s.ReserveClaims.Get((sender, recipient));
        var already = claim is not null && claim.Round == round ? claim.Amount : UInt256.Zero;
        return UInt256.SaturatingSub(total / (UInt256)(ulong)poolSize, already);
    }

    /// <summary>
    /// fundDepositAndReserveFor: the caller pays, <paramref name="sender"/>'s deposit and reserve grow. Only the sender's
    /// own funding cancels its unlock (a third party must not keep a sender from ever withdrawing).
    /// </summary>
    public static void Fund(CallContext ctx, Address sender, UInt256 deposit, UInt256 reserve)
    {
        var s = ctx.State;
        CallContext.Require(!sender.IsZero && !ProtocolAccounts.IsProtocolAccount(sender), ProtocolError.InvalidAddress, "cannot fund the zero address or a protocol account");
        CallContext.Require(!(deposit + reserve).IsZero, ProtocolError.ZeroFunding, "funding amount must be greater than 0");
        LivepeerToken.TransferEth(ctx, ctx.Caller, ProtocolAccounts.Minter, deposit + reserve);
        var info = s.SenderOf(sender);
        info = info with { Deposit = info.Deposit + deposit, ReserveRemaining = info.ReserveRemaining + reserve };
        if (info.WithdrawRound != 0 && ctx.Caller == sender)
        {
            info = info with { WithdrawRound = 0 };
            ctx.Emit(new UnlockCancelled(sender));
        }
        s.Senders.Set(sender, info);
        if (!deposit.IsZero) ctx.Emit(new DepositFunded(sender, deposit));
        if (!reserve.IsZero) ctx.Emit(new ReserveFunded(sender, reserve));
    }

    /// <summary>unlock(): funds become withdrawable after unlockPeriod rounds.</summary>
    public static void Unlock(CallContext ctx)
    {
        var s = ctx.State;
        var info = s.SenderOf(ctx.Caller);
        CallContext.Require(!(info.Deposit + info.ReserveRemaining).IsZero, ProtocolError.SenderFundsZero, "sender deposit and reserve are zero");
        CallContext.Require(info.WithdrawRound == 0, ProtocolError.UnlockAlreadyInProgress, $"an unlock is already in progress (withdrawable from round {info.WithdrawRound})");
        var withdrawRound = ctx.CurrentRound + ctx.Parameters.UnlockPeriod;
        s.Senders.Set(ctx.Caller, info with { WithdrawRound = withdrawRound });
        ctx.Emit(new Events.Unlock(ctx.Caller, ctx.CurrentRound, withdrawRound));
    }

    /// <summary>cancelUnlock().</summary>
    public static void CancelUnlock(CallContext ctx)
    {
        var s = ctx.State;
        var info = s.SenderOf(ctx.Caller);
        CallContext.Require(info.WithdrawRound != 0, ProtocolError.NoUnlockInProgress, "no unlock request in progress");
        s.Senders.Set(ctx.Caller, info with { WithdrawRound = 0 });
        ctx.Emit(new UnlockCancelled(ctx.Caller));
    }

    /// <summary>withdraw(): pays back deposit and reserve after the unlock period.</summary>
    public static void Withdraw(CallContext ctx)
    {
        var s = ctx.State;
        var info = s.SenderOf(ctx.Caller);
        CallContext.Require(!(info.Deposit + info.ReserveRemaining).IsZero, ProtocolError.SenderFundsZero, "sender deposit and reserve are zero");
        CallContext.Require(info.WithdrawRound != 0, ProtocolError.NoUnlockInProgress, "call unlock first and wait for the unlock period");
        CallContext.Require(info.WithdrawRound <= ctx.CurrentRound, ProtocolError.AccountLocked,
            $"funds unlock in round {info.WithdrawRound}; the current round is {ctx.CurrentRound}");
        // As Livepeer's withdraw: the funds go, withdrawRound stays (the unlock stays "in progress" until the sender re-funds).
        s.Senders.Set(ctx.Caller, info with { Deposit = UInt256.Zero, ReserveRemaining = UInt256.Zero });
        LivepeerToken.TransferEth(ctx, ProtocolAccounts.Minter, ctx.Caller, info.Deposit + info.ReserveRemaining);
        ctx.Emit(new Withdrawal(ctx.Caller, info.Deposit, info.ReserveRemaining));
    }

    /// <summary>redeemWinningTicket: every check in order, each with its own error; pays the full face value or refuses.</summary>
    public static void RedeemWinningTicket(CallContext ctx, Ticket ticket, byte[] signature, UInt256 recipientRand)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        var round = ctx.CurrentRound;
        CallContext.Require(!ticket.Recipient.IsZero, ProtocolError.TicketRecipientZero, "ticket recipient is the zero address");
        CallContext.Require(!ticket.Sender.IsZero, ProtocolError.TicketSenderZero, "ticket sender is the zero address");
        var roundHash = s.RoundBlockHashes.Get(ticket.CreationRound);
        CallContext.Require(!roundHash.IsZero && roundHash == ticket.CreationRoundBlockHash, ProtocolError.InvalidCreationRoundBlockHash,
            $"round {ticket.CreationRound} does not have block hash {ticket.CreationRoundBlockHash}");
        CallContext.Require(ticket.CreationRound + ctx.Parameters.TicketValidityPeriod > round, ProtocolError.TicketExpired,
            $"ticket from round {ticket.CreationRound} expired (valid {ctx.Parameters.TicketValidityPeriod} rounds; now round {round})");
        CallContext.Require(Ticket.RecipientRandHashOf(recipientRand) == ticket.RecipientRandHash, ProtocolError.RecipientRandMismatch,
            "keccak256(recipientRand) does not match the ticket's recipientRandHash");
        var ticketHash = ticket.Hash();
        CallContext.Require(!s.UsedTickets.Contains(ticketHash), ProtocolError.TicketUsed, $"ticket {ticketHash} was already redeemed");
        var shape = EthereumSignedMessage.ShapeProblem(signature);
        CallContext.Require(shape is null, ProtocolError.InvalidSignature, $"invalid ticket signature: {shape}");
        CallContext.Require(EthereumSignedMessage.IsSignedBy(ctx.Signatures, ticketHash, signature, ticket.Sender), ProtocolError.InvalidSignature,
            $"the signature over ticket {ticketHash} is not the sender's ({ticket.Sender})");
        CallContext.Require(Ticket.IsWinning(signature, recipientRand, ticket.WinProb), ProtocolError.TicketDidNotWin, "ticket did not win");
        var info = s.SenderOf(ticket.Sender);
        CallContext.Require(IsLocked(info, round), ProtocolError.SenderUnlocked, $"sender {ticket.Sender} has unlocked its funds (round {info.WithdrawRound})");
        CallContext.Require(!(info.Deposit + info.ReserveRemaining).IsZero, ProtocolError.SenderFundsZero, "sender deposit and reserve are zero");
        // Registered too, as updateTranscoderWithFees requires: an orchestrator that unbonded could not claim the fees.
        CallContext.Require(BondingManager.CanEarn(s, ticket.Recipient, round) && BondingManager.IsRegisteredTranscoder(s, ticket.Recipient),
            ProtocolError.RecipientNotActive, $"recipient {ticket.Recipient} is not a registered, active transcoder in round {round}");

        var fromDeposit = UInt256.Min(info.Deposit, ticket.FaceValue);
        var fromReserve = ticket.FaceValue - fromDeposit;
        if (!fromReserve.IsZero)
        {
            var claimable = ClaimableReserve(s, ticket.Sender, ticket.Recipient, round);
            CallContext.Require(claimable >= fromReserve, ProtocolError.InsufficientSenderFunds,
                $"sender can cover {fromDeposit + claimable} of the face value {ticket.FaceValue} (deposit {info.Deposit}, this recipient's reserve share {claimable}); the ticket is kept unredeemed");
        }

        s.UsedTickets.Set(ticketHash, true);
        info = info with { Deposit = info.Deposit - fromDeposit };
        if (!fromReserve.IsZero)
        {
            info = info with
            {
                ReserveRemaining = info.ReserveRemaining - fromReserve,
                ReserveClaimRound = round,
                ReserveClaimedInRound = info.ClaimedIn(round) + fromReserve,
            };
            var claim = s.ReserveClaims.Get((ticket.Sender, ticket.Recipient));
            var already = claim is not null && claim.Round == round ? claim.Amount : UInt256.Zero;
            s.ReserveClaims.Set((ticket.Sender, ticket.Recipient), new ReserveClaim(round, already + fromReserve));
            ctx.Emit(new ReserveClaimed(ticket.Sender, ticket.Recipient, fromReserve));
        }
        s.Senders.Set(ticket.Sender, info);
        if (!ticket.FaceValue.IsZero)
        {
            BondingManager.UpdateTranscoderWithFees(ctx, ticket.Recipient, ticket.FaceValue);
            ctx.Emit(new WinningTicketTransfer(ticket.Sender, ticket.Recipient, ticket.FaceValue));
        }
        ctx.Emit(new WinningTicketRedeemed(ticket.Sender, ticket.Recipient, ticket.FaceValue, ticket.WinProb, ticket.SenderNonce,
            recipientRand, ticket.CreationRound, ticketHash));
    }
}
