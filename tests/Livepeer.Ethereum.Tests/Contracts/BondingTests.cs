using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Livepeer.Ethereum.Tests.Contracts;

/// <summary>getDelegator's seven fields.</summary>
[FunctionOutput]
public sealed class DelegatorInfo : IFunctionOutputDTO
{
    [Parameter("uint256", "bondedAmount", 1)] public BigInteger BondedAmount { get; set; }
    [Parameter("uint256", "fees", 2)] public BigInteger Fees { get; set; }
    [Parameter("address", "delegateAddress", 3)] public string DelegateAddress { get; set; } = "";
    [Parameter("uint256", "delegatedAmount", 4)] public BigInteger DelegatedAmount { get; set; }
    [Parameter("uint256", "startRound", 5)] public BigInteger StartRound { get; set; }
    [Parameter("uint256", "lastClaimRound", 6)] public BigInteger LastClaimRound { get; set; }
    [Parameter("uint256", "nextUnbondingLockId", 7)] public BigInteger NextUnbondingLockId { get; set; }
}

public sealed class BondingTests
{
    private static readonly BigInteger Lpt = DeployedProtocol.Lpt;
    private static readonly BigInteger P = BigInteger.Pow(10, 27);

    // The contracts' rounding (RULES.md "Exact formulas"), computed here independently.
    private static BigInteger POf(BigInteger a, BigInteger n, BigInteger d) => a * (n * P / d) / P;
    private static BigInteger MOf(BigInteger a, BigInteger f) => a * f / 1_000_000;
    private static BigInteger V2Of(BigInteger a, BigInteger n, BigInteger d) => a * (n * 1_000_000_000 / d) / 1_000_000_000;

    [Fact]
    public async Task BondRewardAndClaimAcrossRoundsPayExactlyTheLIP36Shares()
    {
        await using var chain = await DeployedProtocol.StartAsync();
        const int o = 1, d = 2;
        await chain.NextRoundAsync();
        await chain.ApproveAndBondAsync(o, 100 * Lpt, o);
        await chain.SendAsync(o, "BondingManager", "transcoder", new BigInteger(100_000), new BigInteger(500_000));
        await chain.ApproveAndBondAsync(d, 50 * Lpt, o);
        Assert.Equal(chain.Address(o), await chain.CallAsync<string>("BondingManager", "getFirstTranscoderInPool"), StringComparer.OrdinalIgnoreCase);

        // Next round: O is active with 150 LPT, the whole active stake.
        await chain.NextRoundAsync();
        Assert.True(await chain.CallAsync<bool>("BondingManager", "isActiveTranscoder", chain.Address(o)));
        var totalActive = await chain.CallAsync<BigInteger>("BondingManager", "currentRoundTotalActiveStake");
        Assert.Equal(150 * Lpt, totalActive);
        var mintable = await chain.CallAsync<BigInteger>("Minter", "currentMintableTokens");
        var supply = await chain.CallAsync<BigInteger>("LivepeerToken", "totalSupply");
        var inflation = await chain.CallAsync<BigInteger>("Minter", "inflation");
        Assert.Equal(supply * inflation / 1_000_000_000, mintable);

        var round = await chain.CurrentRoundAsync();
        await chain.SendAsync(o, "BondingManager", "reward");
        var rewards = V2Of(mintable, 150 * Lpt, totalActive); // no Treasury registered: no cut
        var commission = MOf(rewards, 100_000);
        var crf = P + POf(P, rewards - commission, 150 * Lpt);
        var pool = await chain.Function("BondingManager", "getTranscoderEarningsPoolForRound").CallDeserializingToObjectAsync<EarningsPoolInfo>(chain.Address(o), new BigInteger(round));
        Assert.Equal(crf, pool.CumulativeRewardFactor);
        Assert.Equal(150 * Lpt + rewards, await chain.CallAsync<BigInteger>("BondingManager", "transcoderTotalStake", chain.Address(o)));
        await chain.ExpectRevertAsync("caller has already called reward for the current round", o, "BondingManager", "reward");

        // The delegator's share grows with the factor; claiming in a later round books exactly that.
        var dPending = POf(50 * Lpt, crf, P);
        Assert.Equal(dPending, await chain.CallAsync<BigInteger>("BondingManager", "pendingStake", chain.Address(d), BigInteger.Zero));
        var oPending = POf(100 * Lpt, crf, P) + commission;
        Assert.Equal(oPending, await chain.CallAsync<BigInteger>("BondingManager", "pendingStake", chain.Address(o), BigInteger.Zero));
        Assert.True(dPending + oPending <= 150 * Lpt + rewards && dPending + oPending + 2 >= 150 * Lpt + rewards);

        await chain.NextRoundAsync();
        await chain.NextRoundAsync(); // O skips a round: nothing more is minted for it
        Assert.Equal(dPending, await chain.CallAsync<BigInteger>("BondingManager", "pendingStake", chain.Address(d), BigInteger.Zero));
        await chain.SendAsync(d, "BondingManager", "claimEarnings", BigInteger.Zero);
        var del = await chain.CallDtoAsync<DelegatorInfo>("BondingManager", "getDelegator", chain.Address(d));
        Assert.Equal(dPending, del.BondedAmount);
        Assert.Equal(await chain.CurrentRoundAsync(), (long)del.LastClaimRound);

        // Unbond part, wait the unbonding period, withdraw: the LPT come back from the Minter.
        await chain.SendAsync(d, "BondingManager", "unbond", 10 * Lpt);
        var before = await chain.CallAsync<BigInteger>("LivepeerToken", "balanceOf", chain.Address(d));
        await chain.ExpectRevertAsync("withdraw round must be before or equal to the current round", d, "BondingManager", "withdrawStake", BigInteger.Zero);
        for (var i = 0; i < chain.Parameters.UnbondingPeriod; i++) await chain.NextRoundAsync();
        await chain.SendAsync(d, "BondingManager", "withdrawStake", BigInteger.Zero);
        Assert.Equal(before + 10 * Lpt, await chain.CallAsync<BigInteger>("LivepeerToken", "balanceOf", chain.Address(d)));
        await chain.ExpectRevertAsync("invalid unbonding lock ID", d, "BondingManager", "withdrawStake", BigInteger.Zero);
    }

    [Fact]
    public async Task ThePoolKeepsTranscodersSortedByStakeAndHintsPlaceThemWithoutSearch()
    {
        await using var chain = await DeployedProtocol.StartAsync();
        await chain.NextRoundAsync();
        await chain.ApproveAndBondAsync(1, 10 * Lpt, 1);
        await chain.ApproveAndBondAsync(2, 30 * Lpt, 2);
        await chain.ApproveAndBondAsync(3, 20 * Lpt, 3);
        // A newcomer equal to an existing stake goes before it.
        await chain.ApproveAndBondAsync(4, 20 * Lpt, 4);
        Assert.Equal(new[] { 2, 4, 3, 1 }.Select(chain.Address), await PoolAsync(chain), StringComparer.OrdinalIgnoreCase);

        // bondWithHint: account 5 delegates to account 1 (10 → 35 LPT), hinted right before account 2's position.
        await chain.SendAsync(5, "LivepeerToken", "approve", chain.Record.Address("BondingManager"), 25 * Lpt);
        await chain.SendAsync(5, "BondingManager", "bondWithHint", 25 * Lpt, chain.Address(1),
            "0x0000000000000000000000000000000000000000", "0x0000000000000000000000000000000000000000", "0x0000000000000000000000000000000000000000", chain.Address(2));
        Assert.Equal(new[] { 1, 2, 4, 3 }.Select(chain.Address), await PoolAsync(chain), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(4, (int)await chain.CallAsync<BigInteger>("BondingManager", "getTranscoderPoolSize"));
        Assert.Equal(105 * Lpt, await chain.CallAsync<BigInteger>("BondingManager", "nextRoundTotalActiveStake"));
    }

    private static async Task<List<string>> PoolAsync(DeployedProtocol chain)
    {
        var list = new List<string>();
        for (var a = await chain.CallAsync<string>("BondingManager", "getFirstTranscoderInPool");
             a != "0x0000000000000000000000000000000000000000";
             a = await chain.CallAsync<string>("BondingManager", "getNextTranscoderInPool", a))
            list.Add(a);
        return list;
    }
}

/// <summary>getTranscoderEarningsPoolForRound's five fields.</summary>
[FunctionOutput]
public sealed class EarningsPoolInfo : IFunctionOutputDTO
{
    [Parameter("uint256", "totalStake", 1)] public BigInteger TotalStake { get; set; }
    [Parameter("uint256", "transcoderRewardCut", 2)] public BigInteger TranscoderRewardCut { get; set; }
    [Parameter("uint256", "transcoderFeeShare", 3)] public BigInteger TranscoderFeeShare { get; set; }
    [Parameter("uint256", "cumulativeRewardFactor", 4)] public BigInteger CumulativeRewardFactor { get; set; }
    [Parameter("uint256", "cumulativeFeeFactor", 5)] public BigInteger CumulativeFeeFactor { get; set; }
}
