using System.Numerics;

namespace Livepeer.Ethereum.Tests.Contracts;

public sealed class SlashingAndRefusalTests
{
    private static readonly BigInteger Lpt = DeployedProtocol.Lpt;
    private const int O = 1, D = 2, Finder = 4, Verifier = 9;

    [Fact]
    public async Task ASlashTakesTheFractionFromTheWholePoolPaysTheFinderBurnsTheRestAndReachesTheDelegators()
    {
        await using var chain = await DeployedProtocol.StartAsync();
        await chain.NextRoundAsync();
        await chain.ApproveAndBondAsync(O, 100 * Lpt, O);
        await chain.ApproveAndBondAsync(D, 50 * Lpt, O);
        await chain.NextRoundAsync();
        var supply = await chain.CallAsync<BigInteger>("LivepeerToken", "totalSupply");

        await chain.ExpectRevertAsync("caller must be Verifier", Finder, "BondingManager", "slashTranscoder", chain.Address(O), chain.Address(Finder), new BigInteger(500_000), new BigInteger(500_000));
        await chain.SendAsync(Verifier, "BondingManager", "slashTranscoder", chain.Address(O), chain.Address(Finder), new BigInteger(500_000), new BigInteger(500_000));

        // Penalty = 50 % of 150 LPT; the finder gets half of it, the rest is burned.
        Assert.Equal(1000 * Lpt + 375 * Lpt / 10, await chain.CallAsync<BigInteger>("LivepeerToken", "balanceOf", chain.Address(Finder)));
        Assert.Equal(supply - 375 * Lpt / 10, await chain.CallAsync<BigInteger>("LivepeerToken", "totalSupply"));
        Assert.Equal(75 * Lpt, await chain.CallAsync<BigInteger>("BondingManager", "transcoderTotalStake", chain.Address(O)));
        // Both the orchestrator and its delegator lose half.
        Assert.Equal(50 * Lpt, await chain.CallAsync<BigInteger>("BondingManager", "pendingStake", chain.Address(O), BigInteger.Zero));
        Assert.Equal(25 * Lpt, await chain.CallAsync<BigInteger>("BondingManager", "pendingStake", chain.Address(D), BigInteger.Zero));
        // It left the pool and earns nothing more this round.
        Assert.Equal(BigInteger.Zero, await chain.CallAsync<BigInteger>("BondingManager", "getTranscoderPoolSize"));
        Assert.False(await chain.CallAsync<bool>("BondingManager", "canEarn", chain.Address(O)));
        await chain.ExpectRevertAsync("caller must be an active transcoder", O, "BondingManager", "reward");

        // A delegator that claimed earlier in the round still takes the slash at its next claim.
        await chain.SendAsync(D, "BondingManager", "claimEarnings", BigInteger.Zero);
        var d = await chain.CallDtoAsync<DelegatorInfo>("BondingManager", "getDelegator", chain.Address(D));
        Assert.Equal(25 * Lpt, d.BondedAmount);
        await chain.SendAsync(Verifier, "BondingManager", "slashTranscoder", chain.Address(O), "0x0000000000000000000000000000000000000000", new BigInteger(200_000), BigInteger.Zero);
        Assert.Equal(20 * Lpt, await chain.CallAsync<BigInteger>("BondingManager", "pendingStake", chain.Address(D), BigInteger.Zero));
        await chain.SendAsync(D, "BondingManager", "claimEarnings", BigInteger.Zero);
        Assert.Equal(20 * Lpt, (await chain.CallDtoAsync<DelegatorInfo>("BondingManager", "getDelegator", chain.Address(D))).BondedAmount);
    }

    [Fact]
    public async Task RefusedCallsRevertWithLivepeersReasonsAndChangeNothing()
    {
        // Rounds long enough for every refused transaction (each mines a block) to land in the same round.
        await using var chain = await DeployedProtocol.StartAsync(Livepeer.Protocol.Parameters.ProtocolParameters.Devnet with { RoundLength = 100 });
        // A round that is not initialized yet.
        var web3 = chain.Web3(0);
        await web3.Client.SendRequestAsync<object>("anvil_mine", null, new Nethereum.Hex.HexTypes.HexBigInteger(chain.Parameters.RoundLength));
        await chain.SendAsync(D, "LivepeerToken", "approve", chain.Record.Address("BondingManager"), 10 * Lpt);
        var snapshot = await SnapshotAsync(chain);
        await chain.ExpectRevertAsync("current round is not initialized", D, "BondingManager", "bond", 10 * Lpt, chain.Address(O));
        Assert.Equal(snapshot, await SnapshotAsync(chain));

        await chain.SendAsync(0, "RoundsManager", "initializeRound");
        await chain.ExpectRevertAsync("round already initialized", 0, "RoundsManager", "initializeRound");
        await chain.ApproveAndBondAsync(O, 100 * Lpt, O);
        await chain.SendAsync(D, "BondingManager", "bond", 10 * Lpt, chain.Address(O));
        snapshot = await SnapshotAsync(chain);

        await chain.ExpectRevertAsync("caller must be an active transcoder", D, "BondingManager", "reward");
        await chain.ExpectRevertAsync("caller must be bonded", D, "BondingManager", "unbond", Lpt); // pending until next round
        await chain.ExpectRevertAsync("transcoder must be registered", D, "BondingManager", "transcoder", BigInteger.Zero, BigInteger.Zero);
        await chain.ExpectRevertAsync("invalid rewardCut percentage", O, "BondingManager", "transcoder", new BigInteger(1_000_001), BigInteger.Zero);
        await chain.ExpectRevertAsync("registered transcoders can't delegate towards other addresses", O, "BondingManager", "bond", BigInteger.Zero, chain.Address(D));
        await chain.ExpectRevertAsync("INVALID_DELEGATE", 3, "BondingManager", "bondForWithHint", BigInteger.Zero, chain.Address(5), chain.Address(5),
            Zero, Zero, Zero, Zero);
        await chain.ExpectRevertAsync("INVALID_DELEGATE_CHANGE", 3, "BondingManager", "bondForWithHint", BigInteger.Zero, chain.Address(D), chain.Address(3),
            Zero, Zero, Zero, Zero);
        await chain.ExpectRevertAsync("invalid unbonding lock ID", D, "BondingManager", "rebond", BigInteger.Zero);
        await chain.ExpectRevertAsync("sender deposit and reserve are zero", D, "TicketBroker", "unlock");
        await chain.ExpectRevertWithValueAsync("msg.value does not equal sum of deposit amount and reserve amount", D, "TicketBroker", "fundDepositAndReserve", BigInteger.One, BigInteger.One, BigInteger.One);
        Assert.Equal(snapshot, await SnapshotAsync(chain));

        // The locked tail of the round: rates cannot change.
        await chain.NextRoundAsync();
        await chain.ExpectRevertAsync("amount is greater than bonded amount", D, "BondingManager", "unbond", 11 * Lpt);
        var block = (long)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        var lockStart = chain.Parameters.RoundLength - chain.Parameters.RoundLength * chain.Parameters.RoundLockAmount / 1_000_000;
        await web3.Client.SendRequestAsync<object>("anvil_mine", null, new Nethereum.Hex.HexTypes.HexBigInteger(lockStart - block % chain.Parameters.RoundLength));
        Assert.True(await chain.CallAsync<bool>("RoundsManager", "currentRoundLocked"));
        await chain.ExpectRevertAsync("can't update transcoder params, current round is locked", O, "BondingManager", "transcoder", BigInteger.Zero, BigInteger.Zero);
    }

    private const string Zero = "0x0000000000000000000000000000000000000000";

    /// <summary>Everything the refused calls could have touched.</summary>
    private static async Task<string> SnapshotAsync(DeployedProtocol chain)
    {
        var parts = new List<string>();
        foreach (var a in new[] { O, D, 3 })
        {
            var d = await chain.CallDtoAsync<DelegatorInfo>("BondingManager", "getDelegator", chain.Address(a));
            parts.Add($"{d.BondedAmount}/{d.Fees}/{d.DelegateAddress}/{d.DelegatedAmount}/{d.StartRound}/{d.LastClaimRound}/{d.NextUnbondingLockId}");
            parts.Add((await chain.CallAsync<BigInteger>("LivepeerToken", "balanceOf", chain.Address(a))).ToString());
        }
        parts.Add((await chain.CallAsync<BigInteger>("BondingManager", "nextRoundTotalActiveStake")).ToString());
        parts.Add((await chain.CallAsync<BigInteger>("BondingManager", "getTranscoderPoolSize")).ToString());
        parts.Add((await chain.CallAsync<BigInteger>("LivepeerToken", "balanceOf", chain.Record.Address("Minter"))).ToString());
        parts.Add((await chain.CallAsync<BigInteger>("RoundsManager", "lastInitializedRound")).ToString());
        return string.Join(";", parts);
    }
}
