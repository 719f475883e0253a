namespace Livepeer.Protocol.Token;

/// <summary>LPT (ERC-20: transfer, approve, transferFrom; mint and burn only by the protocol) and ETH balances.</summary>
public static class LivepeerToken
{
    /// <summary>Moves LPT; the unvested part of a genesis allocation cannot leave its holder.</summary>
    public static void Transfer(CallContext ctx, Address from, Address to, UInt256 amount)
    {
        CallContext.Require(!to.IsZero, ProtocolError.InvalidAddress, "cannot transfer LPT to the zero address; burning is the protocol's");
        var s = ctx.State;
        var balance = s.LptBalances.Get(from);
        CallContext.Require(balance >= amount, ProtocolError.InsufficientBalance,
            $"{from} holds {balance} LPT wei but {amount} is needed");
        if (s.Vesting.TryGet(from, out var vesting))
        {
            var locked = vesting.LockedAt(ctx.Block.Timestamp);
            CallContext.Require(balance - amount >= locked, ProtocolError.TokensLocked,
                $"{from} has {locked} LPT wei still vesting (until timestamp {vesting.Start + vesting.Duration}); only {UInt256.SaturatingSub(balance, locked)} can move now");
        }
        if (amount.IsZero || from == to)
        {
            ctx.Emit(new Events.Transfer(from, to, amount));
            return;
        }
        s.LptBalances.Set(from, balance - amount);
        s.LptBalances.Set(to, s.LptBalances.Get(to) + amount);
        ctx.Emit(new Events.Transfer(from, to, amount));
    }

    /// <summary>ERC-20 approve (sets, does not add).</summary>
    public static void Approve(CallContext ctx, Address owner, Address spender, UInt256 amount)
    {
        CallContext.Require(!spender.IsZero, ProtocolError.InvalidAddress, "cannot approve the zero address");
        ctx.State.Allowances.Set((owner, spender), amount);
        ctx.Emit(new Approval(owner, spender, amount));
    }

    /// <summary>ERC-20 transferFrom by <paramref name="spender"/>.</summary>
    public static void TransferFrom(CallContext ctx, Address spender, Address from, Address to, UInt256 amount)
    {
        var allowance = ctx.State.Allowances.Get((from, spender));
        CallContext.Require(allowance >= amount, ProtocolError.InsufficientAllowance,
            $"{spender} may spend {allowance} LPT wei of {from}, asked {amount}; call approve first");
        Transfer(ctx, from, to, amount);
        ctx.State.Allowances.Set((from, spender), allowance - amount);
    }

    /// <summary>Creates LPT.</summary>
    public static void Mint(CallContext ctx, Address to, UInt256 amount)
    {
        if (amount.IsZero) return;
        var s = ctx.State;
        s.Supply.Value = s.Supply.Value with { TotalSupply = s.Supply.Value.TotalSupply + amount };
        s.LptBalances.Set(to, s.LptBalances.Get(to) + amount);
        s.Minter.Value = s.Minter.Value with { TotalMinted = s.Minter.Value.TotalMinted + amount };
        ctx.Emit(new Events.Transfer(Address.Zero, to, amount));
    }

    /// <summary>Destroys LPT held by <paramref name="from"/>.</summary>
    public static void Burn(CallContext ctx, Address from, UInt256 amount)
    {
        if (amount.IsZero) return;
        var s = ctx.State;
        s.LptBalances.Set(from, s.LptBalances.Get(from) - amount);
        s.Supply.Value = s.Supply.Value with { TotalSupply = s.Supply.Value.TotalSupply - amount };
        s.Minter.Value = s.Minter.Value with { TotalBurned = s.Minter.Value.TotalBurned + amount };
        ctx.Emit(new Events.Transfer(from, Address.Zero, amount));
    }

    /// <summary>Moves ETH.</summary>
    public static void TransferEth(CallContext ctx, Address from, Address to, UInt256 amount)
    {
        CallContext.Require(!to.IsZero, ProtocolError.InvalidAddress, "cannot send ETH to the zero address");
        var s = ctx.State;
        var balance = s.EthBalances.Get(from);
        CallContext.Require(balance >= amount, ProtocolError.InsufficientEth, $"{from} holds {balance} ETH wei but {amount} is needed");
        if (amount.IsZero || from == to) return;
        s.EthBalances.Set(from, balance - amount);
        s.EthBalances.Set(to, s.EthBalances.Get(to) + amount);
        ctx.Emit(new EthTransfer(from, to, amount));
    }
}
