using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;

namespace Livepeer.Ethereum.Tests.SameBalance;

/// <summary>
/// One chain the scripted run drives through <see cref="ILivepeerChain"/>: the embedded ledger or the contracts on
/// anvil. Both start from the same genesis; the script moves both to the same round boundaries.
/// </summary>
public interface IScriptedChain : IAsyncDisposable
{
    /// <summary>"ledger" or "evm".</summary>
    string Name { get; }

    /// <summary>The node interface signing as <paramref name="actor"/>.</summary>
    ILivepeerChain As(PrivateKey actor);

    /// <summary>Runs one sending call to its receipt (the ledger seals a block for it; anvil mines one by itself).</summary>
    Task<ChainReceipt> SendAsync(Func<Task<ChainReceipt>> send);

    /// <summary>Moves the chain so that the next transaction lands in the first block of <paramref name="round"/>.</summary>
    Task AdvanceToRoundAsync(long round);

    /// <summary>The first round the script can start in (anvil spends blocks deploying the contracts).</summary>
    Task<long> FirstFreeRoundAsync();

    /// <summary>ETH <paramref name="account"/> paid for gas (0 on the ledger, which has no gas).</summary>
    Task<UInt256> GasPaidAsync(Address account);
}
