using System.Collections.Immutable;
using System.Numerics;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Events;
using Livepeer.Protocol.Genesis;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.State;

namespace Livepeer.Protocol.Tests.Support;

/// <summary>A tiny in-memory chain for tests: a state, an engine, a block cursor; asserts success or a named error.</summary>
public sealed class TestChain
{
    public static readonly UInt256 OneLpt = new(BigInteger.Pow(10, 18));
    public ProtocolState State { get; }
    public ProtocolEngine Engine { get; } = new(FakeSignatures.Instance);
    public long Block { get; private set; }
    public long Timestamp => 1_700_000_000 + Block * 12;
    public List<ProtocolEvent> LastEvents { get; private set; } = [];

    public TestChain(ProtocolParameters parameters, IEnumerable<(Address, UInt256)> lpt, IEnumerable<(Address, UInt256)>? eth = null,
        ImmutableArray<Address>? verifiers = null, int verifierThreshold = 0, IEnumerable<GenesisAllocation>? extra = null)
    {
        var allocations = lpt.Select((x, i) => new GenesisAllocation($"a{i}", x.Item1, x.Item2)).Concat(extra ?? []).ToImmutableArray();
        State = GenesisBuilder.Build(new GenesisSpec
        {
            Parameters = parameters,
            StartBlock = 0,
            Allocations = allocations,
            Eth = (eth ?? []).ToImmutableArray(),
            Verifiers = verifiers ?? ImmutableArray<Address>.Empty,
            VerifierThreshold = verifierThreshold,
        });
    }

    public static UInt256 Lpt(ulong n) => OneLpt * (UInt256)n;

    public static Hash BlockHash(long n) => Keccak256.Hash(((UInt256)(ulong)(n + 1)).ToBigEndian32());

    public BlockContext Context => new(Block, BlockHash(Block), BlockHash(Block - 1), Timestamp);

    public long Round => ProtocolEngine.CurrentRound(State, Block);

    public CallResult Try(Address caller, ProtocolCall call) => Engine.Apply(State, Context, caller, call);

    public List<ProtocolEvent> Call(Address caller, ProtocolCall call)
    {
        var r = Try(caller, call);
        Assert.True(r.Succeeded, $"{call.GetType().Name} by {caller} failed: {r}");
        LastEvents = r.Events.ToList();
        return LastEvents;
    }

    /// <summary>Asserts the call fails with <paramref name="error"/> and leaves the state hash unchanged.</summary>
    public CallResult Fail(Address caller, ProtocolCall call, ProtocolError error)
    {
        var before = State.ComputeStateHash();
        var r = Try(caller, call);
        Assert.False(r.Succeeded, $"{call?.GetType().Name} was expected to fail with {error} but succeeded");
        Assert.Equal(error, r.Error);
        Assert.False(string.IsNullOrWhiteSpace(r.Message));
        Assert.Equal(before, State.ComputeStateHash());
        return r;
    }

    public void SetBlock(long block) => Block = block;

    /// <summary>Moves to the first block of <paramref name="round"/> + offset and initializes the round.</summary>
    public void StartRound(long round, long offset = 0)
    {
        Block = Protocol.Rounds.RoundsManager.StartBlockOf(State, round) + offset;
        Call(Addr.Of(9999), new InitializeRoundCall());
    }

    public void NextRound() => StartRound(Round + 1);
}
