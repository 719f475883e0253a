namespace Livepeer.Protocol.Engine;

/// <summary>
/// The protocol state machine's single entry point: <see cref="Apply"/> runs one call from one address in one block.
/// The call either succeeds with its events, or fails with a named error and the state exactly as before (every write
/// is journaled and undone). Pure: no I/O, no clock, no floating point.
/// </summary>
public sealed class ProtocolEngine(ISignatureRecovery signatures)
{
    /// <summary>Signature recovery used for tickets and evidence.</summary>
    public ISignatureRecovery Signatures { get; } = signatures;

    /// <summary>The round a block is in.</summary>
    public static long CurrentRound(ProtocolState state, long blockNumber) => RoundsManager.RoundOf(state, blockNumber);

    /// <summary>Applies <paramref name="call"/> from <paramref name="caller"/> in <paramref name="block"/>.</summary>
    public CallResult Apply(ProtocolState state, BlockContext block, Address caller, ProtocolCall call)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (call is null) return CallResult.Fail(ProtocolError.UnknownCall, "no call given");
        var round = RoundsManager.RoundOf(state, block.Number);
        if (round < 0)
            return CallResult.Fail(ProtocolError.BlockBeforeStart, $"block {block.Number} is before the protocol's start block {state.Rounds.Value.LastRoundLengthUpdateStartBlock}");
        if (caller.IsZero || ProtocolAccounts.IsProtocolAccount(caller))
            return CallResult.Fail(ProtocolError.ProtocolAccountCaller, $"{caller} cannot send calls (zero address or protocol account)");

        return Run(state, new CallContext(state, block, caller, round, Signatures), ctx => Dispatch(ctx, call));
    }

    /// <summary>
    /// Runs a call and always undoes it (the ledger's eth_call / dry run): the result and events it would have, the state unchanged.
    /// </summary>
    public CallResult DryRun(ProtocolState state, BlockContext block, Address caller, ProtocolCall call)
    {
        ArgumentNullException.ThrowIfNull(state);
        var round = RoundsManager.RoundOf(state, block.Number);
        if (round < 0) return CallResult.Fail(ProtocolError.BlockBeforeStart, $"block {block.Number} is before the protocol's start block");
        if (call is null) return CallResult.Fail(ProtocolError.UnknownCall, "no call given");
        var ctx = new CallContext(state, block, caller, round, Signatures);
        state.Journal.Begin();
        state.TouchedDelegators.Clear();
        try
        {
            Dispatch(ctx, call);
            VotingPowerHistory.Record(ctx, state.TouchedDelegators);
            return CallResult.Ok(ctx.Events);
        }
        catch (ProtocolException e)
        {
            return CallResult.Fail(e.Error, e.Message);
        }
        catch (Exception e) when (e is OverflowException or DivideByZeroException)
        {
            return CallResult.Fail(ProtocolError.ArithmeticOverflow, e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return CallResult.Fail(ProtocolError.InternalError, $"internal error ({e.GetType().Name}: {e.Message})");
        }
        finally
        {
            state.Journal.Rollback();
        }
    }

    /// <summary>
    /// Block boundary hook for the ledger: initializes the block's round when nobody has yet, so rounds follow blocks even
    /// if no one sends initializeRound. Returns the NewRound events, or no events when the round is already initialized.
    /// </summary>
    public CallResult BeginBlock(ProtocolState state, BlockContext block)
    {
        ArgumentNullException.ThrowIfNull(state);
        var round = RoundsManager.RoundOf(state, block.Number);
        if (round < 0)
            return CallResult.Fail(ProtocolError.BlockBeforeStart, $"block {block.Number} is before the protocol's start block {state.Rounds.Value.LastRoundLengthUpdateStartBlock}");
        if (state.Rounds.Value.LastInitializedRound >= round) return CallResult.Ok([]);
        return Run(state, new CallContext(state, block, Address.Zero, round, Signatures), RoundsManager.InitializeRound);
    }

    private static CallResult Run(ProtocolState state, CallContext ctx, Action<CallContext> action)
    {
        state.Journal.Begin();
        state.TouchedDelegators.Clear();
        try
        {
            action(ctx);
            VotingPowerHistory.Record(ctx, state.TouchedDelegators);
            state.Journal.Commit();
            return CallResult.Ok(ctx.Events);
        }
        catch (ProtocolException e)
        {
            state.Journal.Rollback();
            return CallResult.Fail(e.Error, e.Message);
        }
        catch (OverflowException e)
        {
            state.Journal.Rollback();
            return CallResult.Fail(ProtocolError.ArithmeticOverflow, "arithmetic out of uint256 range: " + e.Message);
        }
        catch (DivideByZeroException e)
        {
            state.Journal.Rollback();
            return CallResult.Fail(ProtocolError.ArithmeticOverflow, "division by zero: " + e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug must not take the ledger down or leave half a call behind.
            state.Journal.Rollback();
            return CallResult.Fail(ProtocolError.InternalError, $"internal error ({e.GetType().Name}: {e.Message}); the call was rolled back");
        }
    }

    // The handlers live with the call declarations, so a call type cannot exist without one.
    private static void Dispatch(CallContext ctx, ProtocolCall call) => CallRegistry.Dispatch(ctx, call);
}
