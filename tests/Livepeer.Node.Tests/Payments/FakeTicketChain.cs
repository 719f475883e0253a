using Livepeer.Core;
using Livepeer.Node.Payments;
using Livepeer.Protocol.Views;

namespace Livepeer.Node.Tests.Payments;

/// <summary>Chain facts for payment tests, set by the test.</summary>
internal sealed class FakeTicketChain : ITicketChainState
{
    public long BlockNumber { get; set; } = 100;
    public RoundInfoView Round { get; set; } = new(5, 80, true, false, 5, 20, Hash.Parse("0x" + new string('5', 64)), 0, 0);
    public long TicketValidityPeriod { get; set; } = 2;
    public Dictionary<Address, SenderInfoView> Senders { get; } = [];
    public UInt256 Reserve { get; set; } = UInt256.Zero;

    public ValueTask<SenderInfoView> SenderInfoAsync(Address sender, CancellationToken ct) =>
        ValueTask.FromResult(Senders.GetValueOrDefault(sender) ?? new SenderInfoView(sender, 0, 0, 0, 0, false));

    public ValueTask<UInt256> ClaimableReserveAsync(Address sender, Address recipient, CancellationToken ct) => ValueTask.FromResult(Reserve);

    public void Fund(Address sender, UInt256 deposit, long withdrawRound = 0) =>
        Senders[sender] = new SenderInfoView(sender, deposit, withdrawRound, 0, 0, withdrawRound != 0);
}

internal sealed class ListQueue : IRedemptionQueue
{
    private readonly HashSet<(Hash, UInt256)> _nonces = [];
    public List<WinningTicket> Tickets { get; } = [];

    public ValueTask<UInt256?> CreditAsync(CreditedTickets credited, CancellationToken ct)
    {
        lock (_nonces)
        {
            foreach (var n in credited.Nonces)
            {
                if (_nonces.Contains((credited.RecipientRandHash, n))) return ValueTask.FromResult<UInt256?>(n);
            }
            foreach (var n in credited.Nonces) _nonces.Add((credited.RecipientRandHash, n));
            Tickets.AddRange(credited.Winners);
        }
        return ValueTask.FromResult<UInt256?>(null);
    }

    public void ForgetExpired(long blockNumber) { }
}
