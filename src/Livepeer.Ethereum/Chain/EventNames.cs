using System.Collections.Frozen;
using System.Text;
using Livepeer.Core.Crypto;

namespace Livepeer.Ethereum.Chain;

/// <summary>The names of the protocol events a receipt can carry, by topic0 (keccak256 of the event signature).</summary>
public static class EventNames
{
    private static readonly string[] Signatures =
    [
        "NewRound(uint256,bytes32)",
        "Bond(address,address,address,uint256,uint256)",
        "Unbond(address,address,uint256,uint256,uint256)",
        "Rebond(address,address,uint256,uint256)",
        "TransferBond(address,address,uint256,uint256,uint256)",
        "WithdrawStake(address,uint256,uint256,uint256)",
        "WithdrawFees(address,address,uint256)",
        "EarningsClaimed(address,address,uint256,uint256,uint256,uint256)",
        "Reward(address,uint256)",
        "TreasuryReward(address,address,uint256)",
        "TranscoderUpdate(address,uint256,uint256)",
        "TranscoderActivated(address,uint256)",
        "TranscoderDeactivated(address,uint256)",
        "TranscoderSlashed(address,address,uint256,uint256)",
        "DepositFunded(address,uint256)",
        "ReserveFunded(address,uint256)",
        "ReserveClaimed(address,address,uint256)",
        "WinningTicketRedeemed(address,address,uint256,uint256,uint256,uint256,bytes)",
        "WinningTicketTransfer(address,address,uint256)",
        "Unlock(address,uint256,uint256)",
        "UnlockCancelled(address)",
        "Withdrawal(address,uint256,uint256)",
        "ServiceURIUpdate(address,string)",
        "Transfer(address,address,uint256)",
        "Approval(address,address,uint256)",
    ];

    private static readonly FrozenDictionary<string, string> ByTopic = Signatures.ToFrozenDictionary(
        s => "0x" + Convert.ToHexStringLower(Keccak256.Hash(Encoding.UTF8.GetBytes(s)).Bytes),
        s => s[..s.IndexOf('(')],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The event's name for <paramref name="topic0"/>, or null when it is not one of the protocol's.</summary>
    public static string? Of(string? topic0) => topic0 is not null && ByTopic.TryGetValue(topic0, out var name) ? name : null;
}
