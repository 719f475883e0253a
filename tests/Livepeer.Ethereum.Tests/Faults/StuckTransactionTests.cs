using System.Numerics;
using Livepeer.Ethereum.Tests.Transactions;
using Livepeer.Ethereum.Transactions;
using Nethereum.Hex.HexTypes;
using Xunit.Abstractions;

namespace Livepeer.Ethereum.Tests.Faults;

/// <summary>Issue 13 item 6: a protocol transaction stuck under a low fee is replaced; the nonce is reused, never skipped; --max-gas-price holds.</summary>
public sealed class StuckTransactionTests(ITestOutputHelper output)
{
    private static readonly BigInteger Gwei = 1_000_000_000;

    [Fact]
    public async Task AStuckTransactionIsReplacedUnderTheCapItsNonceReusedAndACapBelowTheBaseFeeIsRefused()
    {
        await using var chain = await FaultChain.StartAsync();
        var cap = 40 * Gwei;
        var policy = new GasPolicy { MaxGasPrice = cap, ReplaceAfter = TimeSpan.FromMilliseconds(300), ReceiptPollInterval = TimeSpan.FromMilliseconds(50), MineTimeout = TimeSpan.FromSeconds(60) };
        var orchestrator = await chain.ConnectAsync(1, policy);
        var account = orchestrator.Account!.Value.ToString();
        var nonce = await chain.Rpc.TransactionCountAsync(account, "latest");

        // 1. Stuck: the next blocks need 3x what the first offer pays; the sender replaces it under the cap.
        await chain.ControlAsync("evm_setAutomine", false);
        var sending = orchestrator.SetServiceUriAsync("https://127.0.0.1:8935");
        var offers = new Dictionary<string, (ulong Nonce, BigInteger MaxFee)>();
        await TransactionSenderTests.Until(async () => (await PoolAsync(chain, account, offers)) > 0, "the transaction reaches anvil's pool");
        var firstOffer = offers.Values.Single().MaxFee;
        while (!sending.IsCompleted)
        {
            await PoolAsync(chain, account, offers);
            await chain.ControlAsync("anvil_setNextBlockBaseFeePerGas", new HexBigInteger(firstOffer * 3).HexValue);
            await chain.ControlAsync("evm_mine");
            await Task.WhenAny(sending, Task.Delay(150));
        }
        var receipt = await sending;
        var mined = (await chain.Rpc.TransactionAsync(receipt.TransactionHash.ToString()))!;
        output.WriteLine($"offers for nonce {nonce}: {string.Join(", ", offers.Values.Select(o => $"{o.MaxFee / Gwei} gwei"))}; mined at max fee {mined.MaxFeePerGas.Value / Gwei} gwei (cap {cap / Gwei})");

        Assert.True(offers.Count >= 2, "the stuck transaction was replaced");
        Assert.All(offers.Values, o => Assert.Equal(nonce, o.Nonce)); // every version reuses the nonce
        Assert.All(offers.Values, o => Assert.True(o.MaxFee <= cap, $"offer {o.MaxFee} above the cap {cap}"));
        Assert.Equal(nonce, (ulong)mined.Nonce.Value);
        Assert.True(mined.MaxFeePerGas.Value > firstOffer && mined.MaxFeePerGas.Value <= cap);
        Assert.Equal(nonce + 1, await chain.Rpc.TransactionCountAsync(account, "latest"));
        Assert.Equal("https://127.0.0.1:8935", (await orchestrator.GetTranscoderAsync(orchestrator.Account!.Value)).ServiceUri);

        // 2. A base fee above the cap: a new transaction is refused naming the cap, nothing is sent.
        await chain.ControlAsync("anvil_setNextBlockBaseFeePerGas", new HexBigInteger(cap * 2).HexValue);
        await chain.ControlAsync("evm_mine");
        var refused = await Assert.ThrowsAsync<GasPriceCapExceededException>(() => orchestrator.SetServiceUriAsync("https://127.0.0.1:9000"));
        output.WriteLine(refused.Message);
        Assert.Equal(cap, refused.Cap);
        Assert.Equal(nonce + 1, await chain.Rpc.TransactionCountAsync(account, "pending"));

        // 3. A transaction already out when fees pass the cap is not replaced above it, and the send does not give up:
        //    it is mined with its nonce once fees fall. (Before, the sender threw "nothing was sent" with it still in the pool.)
        await chain.ControlAsync("anvil_setNextBlockBaseFeePerGas", new HexBigInteger(Gwei).HexValue);
        await chain.ControlAsync("evm_mine");
        offers.Clear();
        var waiting = orchestrator.SetServiceUriAsync("https://127.0.0.1:9001");
        await TransactionSenderTests.Until(async () => (await PoolAsync(chain, account, offers)) > 0, "the transaction reaches anvil's pool");
        for (var i = 0; i < 8; i++)
        {
            await chain.ControlAsync("anvil_setNextBlockBaseFeePerGas", new HexBigInteger(cap * 2).HexValue);
            await chain.ControlAsync("evm_mine");
            await PoolAsync(chain, account, offers);
            await Task.Delay(100);
        }
        Assert.False(waiting.IsCompleted, waiting.Exception?.ToString() ?? "mined above the cap?");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!waiting.IsCompleted && DateTime.UtcNow < deadline)
        {
            await chain.ControlAsync("anvil_setNextBlockBaseFeePerGas", new HexBigInteger(Gwei).HexValue);
            await chain.ControlAsync("evm_mine");
            await PoolAsync(chain, account, offers);
            await Task.WhenAny(waiting, Task.Delay(150));
        }
        var late = await waiting.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(nonce + 1, (ulong)(await chain.Rpc.TransactionAsync(late.TransactionHash.ToString()))!.Nonce.Value);
        Assert.All(offers.Values, o => Assert.True(o.MaxFee <= cap, $"offer {o.MaxFee} above the cap {cap}"));
        Assert.Equal(nonce + 2, await chain.Rpc.TransactionCountAsync(account, "latest"));
    }

    /// <summary>Records the pool's transactions from <paramref name="account"/> (hash, nonce, max fee); returns how many are there now.</summary>
    private static async Task<int> PoolAsync(FaultChain chain, string account, Dictionary<string, (ulong, BigInteger)> offers)
    {
        var pool = await chain.ControlAsync("txpool_content");
        var mine = pool["pending"]?.Children<Newtonsoft.Json.Linq.JProperty>()
            .FirstOrDefault(p => string.Equals(p.Name, account, StringComparison.OrdinalIgnoreCase))?.Value;
        if (mine is null) return 0;
        var count = 0;
        foreach (var tx in mine.Children<Newtonsoft.Json.Linq.JProperty>().Select(p => p.Value))
        {
            offers[(string)tx["hash"]!] = ((ulong)new HexBigInteger((string)tx["nonce"]!).Value, new HexBigInteger((string)tx["maxFeePerGas"]!).Value);
            count++;
        }
        return count;
    }
}
