using System.Text.Json;
using Livepeer.Chain.Execution;
using Livepeer.Chain.Sequencing;
using Livepeer.Chain.Storage;
using Livepeer.Chain.Transactions;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Genesis;
using Livepeer.Protocol.Parameters;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Chain.Tests.Execution;

/// <summary>The real protocol run by the sequencer: signed transactions in, blocks and events out, identical after restart.</summary>
public sealed class ProtocolLedgerTests : IDisposable
{
    private const ulong ChainId = 424242;
    private static readonly CallCatalog Catalog = CallCatalog.Protocol();
    private static readonly TransactionCodec Codec = new(Catalog, ChainId);
    private readonly PrivateKey _alice = PrivateKey.Generate(new Random(1).NextBytes);
    private readonly PrivateKey _bob = PrivateKey.Generate(new Random(2).NextBytes);
    private readonly string _dir = Directory.CreateTempSubdirectory("ledger-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    private readonly List<ChainStore> _stores = [];

    public void Dispose()
    {
        foreach (var s in _stores) s.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private GenesisSpec Genesis() => new()
    {
        Parameters = ProtocolParameters.Devnet,
        StartBlock = 0,
        Allocations = [new GenesisAllocation("alice", _alice.Address, ProtocolParameters.Lpt(1000))],
        Eth = [(_alice.Address, ProtocolParameters.Lpt(10))],
    };

    private (Sequencer Sequencer, ProtocolExecutor Executor, ChainStore Store) Boot()
    {
        var store = ChainStore.Open(Path.Combine(_dir, "chain.db"));
        _stores.Add(store);
        var executor = new ProtocolExecutor(GenesisBuilder.Build(Genesis()));
        var sequencer = new Sequencer(store, executor, Codec, new SequencerOptions { SnapshotInterval = 3 }, _time);
        sequencer.Start();
        return (sequencer, executor, store);
    }

    [Fact]
    public void EveryProtocolCallIsATransactionType()
    {
        Assert.Contains("Bond", Catalog.Names);
        Assert.Contains("RedeemWinningTicket", Catalog.Names);
        Assert.Contains("SlashEquivocation", Catalog.Names);
        Assert.Equal(ProtocolExecutor.CallTypes.Count, Catalog.Names.Count());
        var propose = Catalog.Find("Propose")!.Encoder.EncodeType("Propose");
        Assert.Contains("ParameterChange[] parameterChanges", propose);
        Assert.Contains("TreasurySpend[] treasurySpends", propose);
    }

    [Fact]
    public void SignedTransactionsRunTheProtocolAndSurviveARestart()
    {
        Hash stateHash;
        {
            var (seq, executor, store) = Boot();
            var admitted = seq.Submit(Codec.Encode(new TransferCall(_bob.Address, ProtocolParameters.Lpt(250)), 0, _alice));
            Assert.Equal("Transfer", admitted.Outcome.Events.Single().Name);
            var args = JsonDocument.Parse(admitted.Outcome.Events[0].Json).RootElement;
            Assert.Equal(_bob.Address.ToString(), args.GetProperty("to").GetString());
            Assert.Equal("250000000000000000000", args.GetProperty("value").GetString());

            // Bob has 250 LPT now; 300 is refused with the protocol's error name and changes nothing.
            seq.Submit(Codec.Encode(new SendEthCall(_bob.Address, ProtocolParameters.Lpt(1)), 1, _alice));
            var before = executor.StateHash();
            var refused = Assert.Throws<TransactionRejectedException>(() =>
                seq.Submit(Codec.Encode(new TransferCall(_alice.Address, ProtocolParameters.Lpt(300)), 0, _bob)));
            Assert.Equal("InsufficientBalance", refused.Reason);
            Assert.Equal(before, executor.StateHash());
            Assert.Equal(0UL, seq.NextNonce(_bob.Address));

            seq.SealBlock();
            for (var i = 0; i < 4; i++)
            {
                seq.Submit(Codec.Encode(new TransferCall(_bob.Address, 1), (ulong)(2 + i), _alice));
                seq.SealBlock();
            }
            Assert.Equal(ProtocolParameters.Lpt(250) + 4, executor.State.LptBalanceOf(_bob.Address));
            stateHash = executor.StateHash();
            Assert.Equal(store.GetBlock(store.Head()!.Value.Number)!.StateHash, stateHash);
            store.Dispose();
            _stores.Clear();
        }
        var (again, restored, _) = Boot();
        Assert.Equal(stateHash, restored.StateHash());
        Assert.Equal(ProtocolParameters.Lpt(250) + 4, restored.State.LptBalanceOf(_bob.Address));
        Assert.Equal(6UL, again.NextNonce(_alice.Address));
        Assert.Equal("NonceTooLow", Assert.Throws<TransactionRejectedException>(() =>
            again.Submit(Codec.Encode(new TransferCall(_bob.Address, 1), 5, _alice))).Reason);
    }

    [Fact]
    public void ADamagedSnapshotGivesAClearError()
    {
        var executor = new ProtocolExecutor(GenesisBuilder.Build(Genesis()));
        var e = Assert.Throws<ChainStoreException>(() => executor.Restore([0, 0, 0, 4, 1, 2, 3, 4, 0, 0, 0, 0]));
        Assert.Contains("cannot be read", e.Message);
    }
}
