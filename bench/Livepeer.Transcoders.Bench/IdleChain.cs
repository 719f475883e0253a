using Livepeer.Core;
using Livepeer.Node.Payments;
using Livepeer.Protocol.Views;

namespace Livepeer.Transcoders.Bench;

/// <summary>Chain facts the orchestrator server needs to start; the benchmark sends no payments.</summary>
internal sealed class IdleChain : ITicketChainState
{
    public long BlockNumber => 100;
    public RoundInfoView Round { get; } = new(5, 80, true, false, 5, 20, Hash.Parse("0x" + new string('5', 64)), 0, 0);
    public long TicketValidityPeriod => 2;
    public ValueTask<SenderInfoView> SenderInfoAsync(Address sender, CancellationToken ct) => ValueTask.FromResult(new SenderInfoView(sender, 0, 0, 0, 0, false));
    public ValueTask<UInt256> ClaimableReserveAsync(Address sender, Address recipient, CancellationToken ct) => ValueTask.FromResult(UInt256.Zero);
}
