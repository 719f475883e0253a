using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Genesis;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Rounds;
using Livepeer.Protocol.Simulation;
using Livepeer.Protocol.State;

namespace Livepeer.Protocol.Bench;

/// <summary>A state plus a block cursor for benchmarks.</summary>
public sealed class BenchChain
{
    public ProtocolState State { get; }
    public ProtocolEngine Engine { get; } = new(new SimulatedSignatures());
    public long Block { get; private set; }

    public BenchChain(IEnumerable<(Address, UInt256)> lpt, ProtocolParameters? parameters = null)
    {
        State = GenesisBuilder.Build(new GenesisSpec
        {
            Parameters = parameters ?? ProtocolParameters.Devnet with { NumActiveTranscoders = 100 },
            Allocations = [.. lpt.Select(x => new GenesisAllocation("x", x.Item1, x.Item2))],
            Eth = [.. lpt.Select(x => (x.Item1, x.Item2))],
        });
    }

    public static Address Actor(int i) => new(Keccak256.Hash(BitConverter.GetBytes(i)).Bytes[12..]);
    public static UInt256 Lpt(ulong n) => ProtocolParameters.Lpt(n);

    public BlockContext Context => new(Block, Keccak256.Hash(BitConverter.GetBytes(Block)), Keccak256.Hash(BitConverter.GetBytes(Block - 1)), 1_700_000_000 + Block * 12);

    public void StartRound(long round)
    {
        Block = RoundsManager.StartBlockOf(State, round);
        Require(Engine.BeginBlock(State, Context));
    }

    public long Round => RoundsManager.RoundOf(State, Block);

    public void Call(Address caller, ProtocolCall call) => Require(Engine.Apply(State, Context, caller, call));

    private static void Require(CallResult r)
    {
        if (!r.Succeeded) throw new InvalidOperationException(r.ToString());
    }
}
