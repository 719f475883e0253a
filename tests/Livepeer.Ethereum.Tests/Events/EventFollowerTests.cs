using System.Numerics;
using Livepeer.Ethereum.Events;
using Livepeer.Ethereum.Tests.TestContracts;
using Livepeer.Ethereum.Transactions;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace Livepeer.Ethereum.Tests.Events;

public sealed class EventFollowerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("follower-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A consumer that applies batches: what it holds must always equal the chain's canonical confirmed logs.</summary>
    private sealed class Consumer
    {
        public Dictionary<string, BigInteger> Live { get; } = new();
        public int Removals { get; private set; }

        public Task Apply(EventBatch batch, CancellationToken ct)
        {
            foreach (var r in batch.Removed)
            {
                Assert.True(Live.Remove(r.Key), $"removal of {r.Key}, which it never got");
                Removals++;
            }
            foreach (var a in batch.Added)
                Assert.True(Live.TryAdd(a.Key, a.Log.DecodeEvent<PingEvent>().Event.N), $"{a.Key} delivered twice");
            return Task.CompletedTask;
        }
    }

    private static async Task Ping(DevChain chain, int account, string probe, int n) =>
        await chain.Sender(account).SendAsync(new EthereumTransaction(probe, CallData.Of(new PingFunction { N = n }), 0));

    private static async Task<BigInteger[]> CanonicalPings(DevChain chain, string probe, long toBlock)
    {
        var logs = await chain.Rpc.LogsAsync(new NewFilterInput
        {
            FromBlock = new BlockParameter(0), ToBlock = new BlockParameter(new HexBigInteger(toBlock)), Address = [probe],
        });
        return logs.Select(l => l.DecodeEvent<PingEvent>().Event.N).Order().ToArray();
    }

    [Fact]
    public async Task A3BlockReorganizationDeeperThanTheConfirmationsIsRepairedWithoutDuplicatesOrGaps()
    {
        await using var chain = await DevChain.StartAsync();
        var probe = await chain.DeployProbeAsync();
        var consumer = new Consumer();
        var follower = new EventFollower(chain.Rpc, [probe], null, Path.Combine(_dir, "cursor.json"), new EventFollowerOptions { Confirmations = 0 });

        await Ping(chain, 0, probe, 1);
        var fork = (string)(await chain.ControlAsync("evm_snapshot"))!;
        await Ping(chain, 1, probe, 2);
        await Ping(chain, 1, probe, 3);
        await Ping(chain, 1, probe, 4);
        await follower.PollAsync(consumer.Apply);
        Assert.Equal([1, 2, 3, 4], consumer.Live.Values.Order());

        // The last 3 blocks are replaced by a longer branch: 2 again (the same signed transaction), 5 and an empty block.
        var replaced = await chain.Rpc.BlockNumberAsync();
        Assert.True((bool)(await chain.ControlAsync("evm_revert", fork))!);
        await Ping(chain, 1, probe, 2);
        await Ping(chain, 2, probe, 5);
        await chain.ControlAsync("evm_mine");
        await chain.ControlAsync("evm_mine");
        Assert.True(await chain.Rpc.BlockNumberAsync() > replaced);

        await follower.PollAsync(consumer.Apply);

        Assert.Equal(await CanonicalPings(chain, probe, await chain.Rpc.BlockNumberAsync()), consumer.Live.Values.Order().ToArray());
        Assert.Equal([1, 2, 5], consumer.Live.Values.Order());
        Assert.Equal(2, consumer.Removals); // 3 and 4; 2 moved blocks but stayed
    }

    [Fact]
    public async Task WithEnoughConfirmationsA3BlockReorganizationIsNeverSeenAndTheCursorSurvivesARestart()
    {
        await using var chain = await DevChain.StartAsync();
        var probe = await chain.DeployProbeAsync();
        var consumer = new Consumer();
        var cursor = Path.Combine(_dir, "cursor.json");
        var options = new EventFollowerOptions { Confirmations = 4 };

        await Ping(chain, 0, probe, 1);
        await chain.ControlAsync("anvil_mine", "0x4");
        var fork = (string)(await chain.ControlAsync("evm_snapshot"))!;
        await Ping(chain, 1, probe, 2);
        await Ping(chain, 1, probe, 3);
        await Ping(chain, 1, probe, 4);
        await new EventFollower(chain.Rpc, [probe], null, cursor, options).PollAsync(consumer.Apply);
        Assert.Equal([1], consumer.Live.Values.Order()); // 2, 3, 4 are not confirmed yet

        await chain.ControlAsync("evm_revert", fork);
        await Ping(chain, 2, probe, 5);
        await chain.ControlAsync("anvil_mine", "0x6");
        // A new follower on the same cursor file: it goes on where the first stopped.
        var batch = await new EventFollower(chain.Rpc, [probe], null, cursor, options).PollAsync(consumer.Apply);

        Assert.Empty(batch.Removed);
        Assert.Equal([5], batch.Added.Select(a => a.Log.DecodeEvent<PingEvent>().Event.N));
        Assert.Equal([1, 5], consumer.Live.Values.Order());
        Assert.Equal(0, consumer.Removals);
    }
}
