using System.Collections.Frozen;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.Core;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;

namespace Livepeer.Ethereum.Chain;

/// <summary>
/// The protocol events a receipt can carry (Livepeer's signatures), decoded into the same named arguments the embedded
/// ledger's events have: rounds and ids as numbers, amounts as decimal strings, addresses checksummed, bytes as 0x-hex.
/// </summary>
public static class ProtocolEvents
{
    private static readonly string[] Signatures =
    [
        "NewRound(uint256 indexed round, bytes32 blockHash)",
        "Bond(address indexed newDelegate, address indexed oldDelegate, address indexed delegator, uint256 additionalAmount, uint256 bondedAmount)",
        "Unbond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound)",
        "Rebond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount)",
        "TransferBond(address indexed oldDelegator, address indexed newDelegator, uint256 oldUnbondingLockId, uint256 newUnbondingLockId, uint256 amount)",
        "WithdrawStake(address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound)",
        "WithdrawFees(address indexed delegator, address recipient, uint256 amount)",
        "EarningsClaimed(address indexed delegate, address indexed delegator, uint256 rewards, uint256 fees, uint256 startRound, uint256 endRound)",
        "Reward(address indexed transcoder, uint256 amount)",
        "TreasuryReward(address indexed transcoder, address treasury, uint256 amount)",
        "TranscoderUpdate(address indexed transcoder, uint256 rewardCut, uint256 feeShare)",
        "TranscoderActivated(address indexed transcoder, uint256 activationRound)",
        "TranscoderDeactivated(address indexed transcoder, uint256 deactivationRound)",
        "TranscoderSlashed(address indexed transcoder, address finder, uint256 penalty, uint256 finderReward)",
        "DepositFunded(address indexed sender, uint256 amount)",
        "ReserveFunded(address indexed reserveHolder, uint256 amount)",
        "ReserveClaimed(address indexed reserveHolder, address claimant, uint256 amount)",
        "WinningTicketRedeemed(address indexed sender, address indexed recipient, uint256 faceValue, uint256 winProb, uint256 senderNonce, uint256 recipientRand, bytes auxData)",
        "WinningTicketTransfer(address indexed sender, address indexed recipient, uint256 amount)",
        "Unlock(address indexed sender, uint256 startRound, uint256 endRound)",
        "UnlockCancelled(address indexed sender)",
        "Withdrawal(address indexed sender, uint256 deposit, uint256 reserve)",
        "ServiceURIUpdate(address indexed addr, string serviceURI)",
        "FailedVerificationReported(address indexed transcoder, bytes32 indexed evidence, address indexed reporter, string evidenceUri)",
        "FailedVerificationAttested(address indexed transcoder, bytes32 indexed evidence, address indexed verifier, uint256 attestations, uint256 threshold)",
        "FailedVerificationSlashed(address indexed transcoder, bytes32 indexed evidence, address indexed finder)",
        "EquivocationSlashed(address indexed orchestrator, address indexed finder, bytes32 indexed segmentKey)",
        "Transfer(address indexed from, address indexed to, uint256 value)",
        "Approval(address indexed owner, address indexed spender, uint256 value)",
    ];

    // Small integers the ledger's events carry as JSON numbers (rounds, ids, parts per million).
    private static readonly FrozenSet<string> Numbers = new[]
    {
        "round", "unbondingLockId", "oldUnbondingLockId", "newUnbondingLockId", "withdrawRound", "startRound", "endRound",
        "activationRound", "deactivationRound", "rewardCut", "feeShare", "attestations", "threshold",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, EventABI> ByTopic = Signatures.Select(Parse).ToFrozenDictionary(
        e => e.Sha3Signature.EnsureHexPrefix(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The topic (keccak256 of the signature) of the protocol event named <paramref name="name"/>, or null when it is not one.</summary>
    public static string? TopicOf(string name) => ByTopic.FirstOrDefault(e => e.Value.Name == name).Key;

    /// <summary>The event's name and arguments, or ("Log", its raw address/topics/data) when it is not one of the protocol's.</summary>
    public static (string Name, JsonElement Args) Decode(FilterLog log)
    {
        var topic0 = log.Topics is { Length: > 0 } t ? t[0]?.ToString() : null;
        if (topic0 is null || !ByTopic.TryGetValue(topic0, out var abi))
            return ("Log", JsonSerializer.SerializeToElement(new { address = log.Address, topics = log.Topics?.Select(x => x?.ToString()), data = log.Data }));
        var args = new JsonObject();
        foreach (var p in abi.DecodeEventDefaultTopics(log).Event) args[p.Parameter.Name] = Json(p);
        return (abi.Name, JsonSerializer.SerializeToElement(args));
    }

    private static JsonNode? Json(ParameterOutput p) => p.Result switch
    {
        BigInteger n when Numbers.Contains(p.Parameter.Name) && n <= long.MaxValue => JsonValue.Create((long)n),
        BigInteger n => JsonValue.Create(n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        string s when p.Parameter.Type == "address" => JsonValue.Create(Address.Parse(s).ToString()),
        string s => JsonValue.Create(s),
        byte[] b => JsonValue.Create(b.ToHex(true)),
        bool b => JsonValue.Create(b),
        var other => JsonValue.Create(other?.ToString()),
    };

    private static EventABI Parse(string signature)
    {
        var open = signature.IndexOf('(');
        var parameters = signature[(open + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((text, i) =>
            {
                var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return new Parameter(words[0], words[^1], i + 1) { Indexed = words.Length == 3 && words[1] == "indexed" };
            }).ToArray();
        return new EventABI(signature[..open]) { InputParameters = parameters };
    }
}
