using Livepeer.Chain.Client;
using Livepeer.Chain.Hosting;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Rounds;

namespace Livepeer.Ethereum.Tests.SameBalance;

/// <summary>
/// The embedded ledger in-process, from a genesis file, with blocks sealed by the script only: its block timer is set
/// to an hour so that it never fires, every call is sealed in its own block, and rounds advance by sealing empty blocks.
/// </summary>
public sealed class LedgerSide : IScriptedChain
{
    private readonly LedgerNode _node;
    private readonly string _dir;
    private readonly List<LedgerClient> _clients = [];

    private LedgerSide(LedgerNode node, string dir) => (_node, _dir) = (node, dir);

    /// <inheritdoc />
    public string Name => "ledger";

    /// <summary>Starts a ledger from <paramref name="genesisJson"/> on a free loopback port.</summary>
    public static async Task<LedgerSide> StartAsync(string genesisJson)
    {
        var dir = Directory.CreateTempSubdirectory("same-balance-ledger-").FullName;
        var genesis = Path.Combine(dir, "genesis.json");
        await File.WriteAllTextAsync(genesis, genesisJson);
        var node = await LedgerNode.StartAsync(new LedgerOptions
        {
            DataDirectory = Path.Combine(dir, "chain"), GenesisFile = genesis, Rpc = "127.0.0.1:0", BlockTime = TimeSpan.FromHours(1),
        }, TimeProvider.System);
        return new LedgerSide(node, dir);
    }

    /// <inheritdoc />
    public ILivepeerChain As(PrivateKey actor)
    {
        var client = new LedgerClient(_node.RpcUri, actor);
        _clients.Add(client);
        return client;
    }

    /// <inheritdoc />
    public async Task<ChainReceipt> SendAsync(Func<Task<ChainReceipt>> send)
    {
        var sending = send();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!sending.IsCompleted)
        {
            // A refusal comes back at admission; an admitted call waits for the block this seals.
            if (_node.Sequencer.PendingCount > 0) _node.Sequencer.SealBlock();
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the ledger call neither was refused nor reached a block in 30 s");
            await Task.WhenAny(sending, Task.Delay(2));
        }
        return await sending;
    }

    /// <inheritdoc />
    public Task AdvanceToRoundAsync(long round)
    {
        // The ledger's genesis may count rounds from another block than the contracts (which start round 0 at block 0):
        // the script goes by round numbers, so each chain starts a round where its own RoundsManager says.
        var start = _node.Sequencer.Read(_ => RoundsManager.StartBlockOf(_node.Executor.State, round));
        if (_node.Sequencer.PendingBlockNumber > start) throw new InvalidOperationException($"the ledger is past the start of round {round}");
        while (_node.Sequencer.PendingBlockNumber < start) _node.Sequencer.SealBlock();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> FirstFreeRoundAsync() =>
        Task.FromResult(_node.Sequencer.Read(b => RoundsManager.RoundOf(_node.Executor.State, b.Number)) + 1);

    /// <inheritdoc />
    public Task<UInt256> GasPaidAsync(Address account) => Task.FromResult(UInt256.Zero);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients) c.Dispose();
        await _node.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
