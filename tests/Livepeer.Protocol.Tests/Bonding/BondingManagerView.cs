using Livepeer.Core;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.Tests.Support;

namespace Livepeer.Protocol.Tests.Bonding;

internal static class BondingManagerView
{
    public static (UInt256 Stake, UInt256 Fees) Pending(TestChain c, Address a) => BondingManager.PendingStakeAndFees(c.State, a, c.Round);
}
