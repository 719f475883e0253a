using Livepeer.Ethereum.Blocks;
using Livepeer.Ethereum.Networks;
using Newtonsoft.Json.Linq;

namespace Livepeer.Ethereum.Tests.Blocks;

public sealed class BlockNumberSourceTests
{
    // The shape of an Arbitrum One eth_getBlockByNumber result (Nitro): the L2 number plus the L1 block it follows.
    private const string ArbitrumBlock = """
        {
          "baseFeePerGas": "0x989680",
          "difficulty": "0x1",
          "extraData": "0x3b0f3b3a1bc1d2a7ae1dbf3d4d6b2c1e5e6bd7e0f2f0c08c38b1e6ce0d2f4a81",
          "gasLimit": "0x4000000000000",
          "gasUsed": "0x1b1d9c",
          "hash": "0x6b1b5e5b9cbb1e3d2f0a8f2f6d2c7e8a9b0c1d2e3f405162738495a6b7c8d9e0",
          "l1BlockNumber": "0x1406f40",
          "miner": "0xa4b000000000000000000073657175656e636572",
          "mixHash": "0x0000000000014b1a0000000001406f40000000000000000a0000000000000000",
          "nonce": "0x00000000001c1d45",
          "number": "0x10a5b2e5",
          "parentHash": "0x0f2c3e4d5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f",
          "sendCount": "0x1c1d45",
          "sendRoot": "0x9f3d2b1a0e8c7b6a5d4c3b2a19080706f5e4d3c2b1a09f8e7d6c5b4a39281706",
          "timestamp": "0x66f1c2a0",
          "transactions": []
        }
        """;

    [Fact]
    public void AnArbitrumBlockGivesItsL1BlockNumberNotItsOwn()
    {
        var block = JObject.Parse(ArbitrumBlock);

        Assert.Equal(0x1406f40, ArbitrumL1BlockNumbers.L1BlockNumber(block));
        Assert.NotEqual(0x10a5b2e5, ArbitrumL1BlockNumbers.L1BlockNumber(block));
    }

    [Fact]
    public void ABlockWithoutL1BlockNumberIsRefusedRatherThanReadAsANativeNumber()
    {
        var block = JObject.Parse(ArbitrumBlock);
        block.Remove("l1BlockNumber");

        var e = Assert.Throws<InvalidDataException>(() => ArbitrumL1BlockNumbers.L1BlockNumber(block));
        Assert.Contains("l1BlockNumber", e.Message);
    }

    [Fact]
    public async Task OnAnvilTheNativeSourceFollowsMinedBlocksAndTheL1SourceRefuses()
    {
        await using var chain = await DevChain.StartAsync();
        await chain.ControlAsync("anvil_mine", "0x5");

        Assert.Equal(5, await BlockNumberSources.For(BlockClock.Native, chain.Rpc).CurrentAsync());
        await Assert.ThrowsAsync<InvalidDataException>(() => BlockNumberSources.For(BlockClock.ArbitrumL1, chain.Rpc).CurrentAsync());
    }

    [Fact]
    public void RoundsLocksAndTicketExpirationFollowRoundsManagerArithmetic()
    {
        // Round length changed to 100 blocks at block 5_000 (round 40); lock = last 10 % of a round.
        var clock = new RoundClock(RoundLength: 100, LastRoundLengthUpdateRound: 40, LastRoundLengthUpdateStartBlock: 5_000, RoundLockAmount: 100_000);

        Assert.Equal(40, clock.RoundAt(5_000));
        Assert.Equal(40, clock.RoundAt(5_099));
        Assert.Equal(41, clock.RoundAt(5_100));
        Assert.Equal(5_200, clock.StartBlock(42));
        Assert.False(clock.IsLocked(5_089));
        Assert.True(clock.IsLocked(5_090));
        Assert.True(clock.IsLocked(5_099));
        Assert.False(clock.IsLocked(5_100));
        // Created in round 41 with a validity of 2 rounds: redeemable in rounds 41 and 42, refused from round 43's first block.
        Assert.Equal(5_300, clock.TicketExpirationBlock(41, 2));
        Assert.Equal(42, clock.RoundAt(clock.TicketExpirationBlock(41, 2) - 1));
    }
}
