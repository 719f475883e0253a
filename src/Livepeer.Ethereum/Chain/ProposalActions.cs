using System.Collections.Frozen;
using System.Numerics;
using System.Text;
using Livepeer.Core;
using Livepeer.Ethereum.Chain.Messages;
using Livepeer.Ethereum.Deployment;
using Livepeer.Protocol.Governance;
using Livepeer.Protocol.Parameters;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace Livepeer.Ethereum.Chain;

/// <summary>
/// A proposal's actions as the governor's (target, calldata) pairs, and back: a parameter change is the owner-only setter
/// of the contract holding it (the Treasury, the Controller's owner, calls it on execution), a treasury spend is
/// LivepeerToken.transfer from the Treasury, a verifier-set change is Verifier.setVerifierSet.
/// </summary>
public static class ProposalActions
{
    private static readonly FrozenDictionary<ParameterName, (string Contract, string Signature)> Setters = new Dictionary<ParameterName, (string, string)>
    {
        [ParameterName.RoundLength] = (ContractNames.RoundsManager, "setRoundLength(uint256)"),
        [ParameterName.RoundLockAmount] = (ContractNames.RoundsManager, "setRoundLockAmount(uint256)"),
        [ParameterName.NumActiveTranscoders] = (ContractNames.BondingManager, "setNumActiveTranscoders(uint256)"),
        [ParameterName.UnbondingPeriod] = (ContractNames.BondingManager, "setUnbondingPeriod(uint64)"),
        [ParameterName.UnlockPeriod] = (ContractNames.TicketBroker, "setUnlockPeriod(uint256)"),
        [ParameterName.TicketValidityPeriod] = (ContractNames.TicketBroker, "setTicketValidityPeriod(uint256)"),
        [ParameterName.InflationChange] = (ContractNames.Minter, "setInflationChange(uint256)"),
        [ParameterName.TargetBondingRate] = (ContractNames.Minter, "setTargetBondingRate(uint256)"),
        [ParameterName.TreasuryRewardCutRate] = (ContractNames.BondingManager, "setTreasuryRewardCutRate(uint256)"),
        [ParameterName.TreasuryBalanceCeiling] = (ContractNames.BondingManager, "setTreasuryBalanceCeiling(uint256)"),
        [ParameterName.ProposalThreshold] = (GovernanceStep.LivepeerGovernor, "setProposalThreshold(uint256)"),
        [ParameterName.VotingDelay] = (GovernanceStep.LivepeerGovernor, "setVotingDelay(uint256)"),
        [ParameterName.VotingPeriod] = (GovernanceStep.LivepeerGovernor, "setVotingPeriod(uint256)"),
        [ParameterName.Quorum] = (GovernanceStep.LivepeerGovernor, "updateQuorumNumerator(uint256)"),
        [ParameterName.EquivocationSlashFraction] = (ContractNames.Verifier, "setEquivocationSlashAmount(uint256)"),
        [ParameterName.FailedVerificationSlashFraction] = (ContractNames.Verifier, "setFailedVerificationSlashAmount(uint256)"),
        [ParameterName.FinderFee] = (ContractNames.Verifier, "setFinderFee(uint256)"),
        // Quota has no setter on LivepeerGovernor (it is set once, at initialize).
    }.ToFrozenDictionary();

    private const string Transfer = "transfer(address,uint256)";
    private const string SetVerifierSet = "setVerifierSet(address[],uint256)";

    private static readonly FrozenDictionary<string, ParameterName> BySelector =
        Setters.ToFrozenDictionary(e => Selector(e.Value.Signature).ToHex(), e => e.Key, StringComparer.Ordinal);

    /// <summary>The governor call for <paramref name="action"/>; <paramref name="address"/> finds a contract by name (null when not registered).</summary>
    public static (Address Target, byte[] Calldata) Encode(ProposalAction action, Func<string, Address?> address) => action switch
    {
        ParameterChange c when Setters.TryGetValue(c.Name, out var s) =>
            (Need(address, s.Contract), [.. Selector(s.Signature), .. Word(c.Value.Value)]),
        ParameterChange c => throw Invalid($"the parameter {c.Name} cannot be changed by a proposal on this chain (LivepeerGovernor has no setter for it)"),
        TreasurySpend t => (Need(address, ContractNames.LivepeerToken),
            [.. Selector(Transfer), .. Word(new BigInteger(t.Recipient.Bytes.ToArray(), isUnsigned: true, isBigEndian: true)), .. Word(t.Amount.Value)]),
        VerifierSetChange v => (Need(address, ContractNames.Verifier),
            new SetVerifierSetFunction { Verifiers = v.Verifiers.Select(a => a.ToString()).ToList(), Threshold = v.Threshold }.GetCallData()),
        _ => throw Invalid($"unknown proposal action {action.GetType().Name}"),
    };

    /// <summary>The action a governor call performs, or null when it is not one this client can name.</summary>
    public static ProposalAction? Decode(Address target, byte[] calldata, Func<string, Address?> address)
    {
        if (calldata.Length < 4) return null;
        var selector = calldata[..4].ToHex();
        var args = calldata[4..];
        if (BySelector.TryGetValue(selector, out var name) && address(Setters[name].Contract) == target && args.Length == 32)
            return new ParameterChange(name, new UInt256(new BigInteger(args, isUnsigned: true, isBigEndian: true)));
        if (selector == Selector(Transfer).ToHex() && address(ContractNames.LivepeerToken) == target && args.Length == 64)
            return new TreasurySpend(new Address(args.AsSpan(12, 20)), new UInt256(new BigInteger(args[32..], isUnsigned: true, isBigEndian: true)));
        if (selector == Selector(SetVerifierSet).ToHex() && address(ContractNames.Verifier) == target)
        {
            var decoded = new ParameterDecoder().DecodeDefaultData(args, new Parameter("address[]", 1), new Parameter("uint256", 2));
            var verifiers = ((IEnumerable<object>)decoded[0].Result).Select(o => Address.Parse((string)o)).ToArray();
            return new VerifierSetChange([.. verifiers], (int)(BigInteger)decoded[1].Result);
        }
        return null;
    }

    private static Address Need(Func<string, Address?> address, string contract) =>
        address(contract) ?? throw Invalid($"no {contract} is registered in the Controller, so a proposal cannot act on it");

    private static Livepeer.Chain.Client.ChainTransactionException Invalid(string message) => new("InvalidProposal", message);

    private static byte[] Selector(string signature) => Sha3Keccack.Current.CalculateHash(Encoding.ASCII.GetBytes(signature))[..4];

    private static byte[] Word(BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > 32) throw Invalid($"{value} does not fit in a uint256");
        var word = new byte[32];
        bytes.CopyTo(word, 32 - bytes.Length);
        return word;
    }
}
