using System.Numerics;
using Livepeer.Chain.Client;
using Livepeer.Ethereum.Anvil;
using Livepeer.Ethereum.Tests.TestContracts;
using Livepeer.Ethereum.Transactions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace Livepeer.Ethereum.Tests.Transactions;

public sealed class TransactionSenderTests
{
    private const string Recipient = "0x00000000000000000000000000000000000000aa";
    private static readonly BigInteger Gwei = 1_000_000_000;

    [Fact]
    public async Task TwentyConcurrentSendsFromOneAccountAreAllMinedWithContiguousNonces()
    {
        await using var chain = await DevChain.StartAsync();
        var senders = Enumerable.Range(0, 4).Select(_ => chain.Sender(0)).ToList(); // several senders, one account

        var receipts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            senders[i % senders.Count].SendAsync(EthereumTransaction.Transfer(Recipient, 1000 + i))));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (ulong)i), receipts.Select(r => r.Nonce).Order());
        Assert.Equal(20, receipts.Select(r => r.TransactionHash).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 20).Sum(i => 1000 + i), (int)await chain.Rpc.BalanceAsync(Recipient));
        Assert.Equal(20UL, await chain.Rpc.TransactionCountAsync(senders[0].Account, "latest"));
    }

    [Fact]
    public async Task AnEndpointOnAnotherChainGetsNothingSignedOrSent()
    {
        await using var chain = await DevChain.StartAsync(); // chain 31337
        var sender = chain.Sender(0, chainId: 42161);

        var refused = await Assert.ThrowsAsync<WrongChainException>(() => sender.SendAsync(EthereumTransaction.Transfer(Recipient, 1)));

        Assert.Equal(42161, refused.ExpectedChainId);
        Assert.Equal(31337, refused.ActualChainId);
        Assert.Equal(0UL, await chain.Rpc.TransactionCountAsync(sender.Account, "pending"));
        Assert.Equal(BigInteger.Zero, await chain.Rpc.BalanceAsync(Recipient));
    }

    [Fact]
    public async Task FeesStayUnderTheMaxGasPriceAndABaseFeeAboveItIsRefusedNamingTheCap()
    {
        await using var chain = await DevChain.StartAsync();
        var cap = 2 * Gwei;
        var sent = await chain.Sender(0, new GasPolicy { MaxGasPrice = cap }).SendAsync(EthereumTransaction.Transfer(Recipient, 5));
        var tx = await chain.Rpc.TransactionAsync(sent.TransactionHash);
        Assert.True(tx!.MaxFeePerGas.Value <= cap, $"maxFeePerGas {tx.MaxFeePerGas.Value} above the cap {cap}");

        await chain.ControlAsync("anvil_setNextBlockBaseFeePerGas", new HexBigInteger(10 * Gwei).HexValue);
        await chain.ControlAsync("evm_mine");
        var refused = await Assert.ThrowsAsync<GasPriceCapExceededException>(() =>
            chain.Sender(0, new GasPolicy { MaxGasPrice = cap }).SendAsync(EthereumTransaction.Transfer(Recipient, 5)));

        Assert.Equal(cap, refused.Cap);
        Assert.Contains(cap.ToString(), refused.Message);
        Assert.Equal(1UL, await chain.Rpc.TransactionCountAsync(chain.Sender(0).Account, "pending"));
    }

    [Fact]
    public async Task ATransactionStuckUnderALowFeeIsReplacedWithAHigherFeeAndMinedOnce()
    {
        await using var chain = await DevChain.StartAsync();
        await chain.ControlAsync("evm_setAutomine", false);
        var sender = chain.Sender(0, new GasPolicy { ReplaceAfter = TimeSpan.FromMilliseconds(500), ReceiptPollInterval = TimeSpan.FromMilliseconds(50), MineTimeout = TimeSpan.FromSeconds(30) });

        var sending = sender.SendAsync(EthereumTransaction.Transfer(Recipient, 7));
        await Until(async () => await chain.Rpc.TransactionCountAsync(sender.Account, "pending") == 1, "the first transaction waits in the pool");
        var first = (await chain.ControlAsync("txpool_content"))["pending"]!.First!.First!.First!.First!;
        var firstMaxFee = new HexBigInteger((string)first["maxFeePerGas"]!).Value;

        // The next blocks need far more than the pending transaction offers: it sticks until the sender replaces it.
        await chain.ControlAsync("anvil_setNextBlockBaseFeePerGas", new HexBigInteger(firstMaxFee * 20).HexValue);
        while (!sending.IsCompleted)
        {
            await chain.ControlAsync("evm_mine");
            await Task.WhenAny(sending, Task.Delay(200));
        }
        var receipt = await sending;

        Assert.True(receipt.Replacements >= 1);
        Assert.NotEqual((string)first["hash"]!, receipt.TransactionHash);
        Assert.True(receipt.EffectiveGasPrice > firstMaxFee, $"effective {receipt.EffectiveGasPrice} <= first offer {firstMaxFee}");
        Assert.Equal(0UL, receipt.Nonce);
        Assert.Equal(1UL, await chain.Rpc.TransactionCountAsync(sender.Account, "latest"));
        Assert.Equal(7, (int)await chain.Rpc.BalanceAsync(Recipient));
    }

    [Fact]
    public async Task ACallThatWouldRevertIsRefusedWithTheProtocolReasonBeforeAnythingIsSent()
    {
        await using var chain = await DevChain.StartAsync();
        var probe = await chain.DeployProbeAsync();
        var sender = chain.Sender(0);

        var refused = await Assert.ThrowsAsync<ChainTransactionException>(() => sender.SendAsync(
            new EthereumTransaction(probe, CallData.Of(new FailFunction { Reason = "current round is not initialized" }), 0)));
        var unknown = await Assert.ThrowsAsync<ChainTransactionException>(() => sender.SendAsync(
            new EthereumTransaction(probe, CallData.Of(new FailFunction { Reason = "something else" }), 0)));

        Assert.Equal("RoundNotInitialized", refused.Reason);
        Assert.Contains("current round is not initialized", refused.Message);
        Assert.Equal("Reverted", unknown.Reason);
        Assert.Contains("something else", unknown.Message);
        Assert.Equal(0UL, await chain.Rpc.TransactionCountAsync(sender.Account, "pending"));
    }

    [Fact]
    public async Task ATransactionThatLostARaceRevertsInItsBlockAndIsRefusedWithTheReason()
    {
        await using var chain = await DevChain.StartAsync();
        // The race is lost in a block only when both senders estimate before either transaction reaches the pool; when the
        // loser's estimate already sees the winner's pending transaction, it is refused there (same reason) and we race again.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await chain.ControlAsync("evm_setAutomine", true);
            var probe = await chain.DeployProbeAsync();
            await chain.ControlAsync("evm_setAutomine", false);
            var call = new EthereumTransaction(probe, CallData.Of(new InitializeOnceFunction()), 0);

            ulong before0 = await Pending(chain, 0), before1 = await Pending(chain, 1);
            var a = chain.Sender(0).SendAsync(call);
            var b = chain.Sender(1).SendAsync(call);
            bool bothPending = false;
            await Until(async () =>
            {
                bothPending = await Pending(chain, 0) == before0 + 1 && await Pending(chain, 1) == before1 + 1;
                return bothPending || a.IsCompleted || b.IsCompleted;
            }, "both senders' transactions wait in the pool, or one is refused");
            await chain.ControlAsync("evm_mine");

            var outcomes = await Task.WhenAll(Outcome(a), Outcome(b));
            Assert.Single(outcomes, o => o is EthereumReceipt);
            var lost = Assert.Single(outcomes.OfType<ChainTransactionException>());
            Assert.Equal("RoundAlreadyInitialized", lost.Reason);
            if (bothPending) return;
        }
        Assert.Fail("In 3 races the loser's estimate always saw the winner's pending transaction; the in-block revert path was never taken.");
    }

    private static async Task<ulong> Pending(DevChain chain, int account) =>
        await chain.Rpc.TransactionCountAsync(chain.Sender(account).Account, "pending");

    private static async Task<object> Outcome(Task<EthereumReceipt> send)
    {
        try { return await send; }
        catch (ChainTransactionException e) { return e; }
    }

    /// <summary>Polls <paramref name="condition"/> for up to 20 s; on timeout fails saying <paramref name="what"/> did not happen.</summary>
    internal static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"within 20 s: {what}");
            await Task.Delay(25);
        }
    }
}
