using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// The Verifier's and LivepeerGovernor's functions as Nethereum typed messages (contracts/src/verification/Verifier.sol,
// contracts/src/governance/LivepeerGovernor.sol and OpenZeppelin's Governor it extends).
namespace Livepeer.Ethereum.Chain.Messages;

#pragma warning disable CS1591 // one class per ABI function: the attribute is its documentation

// Verifier
public sealed class SignedResultStruct
{
    [Parameter("bytes32", "sourceHash", 1)] public byte[] SourceHash { get; set; } = [];
    [Parameter("bytes32", "resultHash", 2)] public byte[] ResultHash { get; set; } = [];
    [Parameter("bytes", "signature", 3)] public byte[] Signature { get; set; } = [];
}
[Function("slashEquivocation")]
public sealed class SlashEquivocationFunction : FunctionMessage
{
    [Parameter("address", "_orchestrator", 1)] public string Orchestrator { get; set; } = "";
    [Parameter("string", "_manifestId", 2)] public string ManifestId { get; set; } = "";
    [Parameter("uint256", "_seq", 3)] public BigInteger Seq { get; set; }
    [Parameter("bytes32", "_profilesHash", 4)] public byte[] ProfilesHash { get; set; } = [];
    [Parameter("tuple", "_first", 5)] public SignedResultStruct First { get; set; } = new();
    [Parameter("tuple", "_second", 6)] public SignedResultStruct Second { get; set; } = new();
}
[Function("reportFailedVerification")]
public sealed class ReportFailedVerificationFunction : FunctionMessage
{
    [Parameter("address", "_transcoder", 1)] public string Transcoder { get; set; } = "";
    [Parameter("bytes32", "_evidence", 2)] public byte[] Evidence { get; set; } = [];
    [Parameter("string", "_evidenceUri", 3)] public string EvidenceUri { get; set; } = "";
}
[Function("attestFailedVerification")]
public sealed class AttestFailedVerificationFunction : FunctionMessage
{
    [Parameter("address", "_transcoder", 1)] public string Transcoder { get; set; } = "";
    [Parameter("bytes32", "_evidence", 2)] public byte[] Evidence { get; set; } = [];
}
[Function("getReport", typeof(ReportOutput))]
public sealed class GetReportFunction : FunctionMessage
{
    [Parameter("address", "_transcoder", 1)] public string Transcoder { get; set; } = "";
    [Parameter("bytes32", "_evidence", 2)] public byte[] Evidence { get; set; } = [];
}
[FunctionOutput]
public sealed class ReportOutput : IFunctionOutputDTO
{
    [Parameter("address", "reporter", 1)] public string Reporter { get; set; } = "";
    [Parameter("uint256", "round", 2)] public BigInteger Round { get; set; }
    [Parameter("uint256", "attestations", 3)] public BigInteger Attestations { get; set; }
}
[Function("evidenceKey", "bytes32")]
public sealed class EvidenceKeyFunction : FunctionMessage
{
    [Parameter("address", "_transcoder", 1)] public string Transcoder { get; set; } = "";
    [Parameter("bytes32", "_evidence", 2)] public byte[] Evidence { get; set; } = [];
}
[Function("settled", "bool")] public sealed class SettledFunction : FunctionMessage { [Parameter("bytes32", "", 1)] public byte[] Key { get; set; } = []; }
[Function("verifierThreshold", "uint256")] public sealed class VerifierThresholdFunction : FunctionMessage;
[Function("setVerifierSet")]
public sealed class SetVerifierSetFunction : FunctionMessage
{
    [Parameter("address[]", "_verifiers", 1)] public List<string> Verifiers { get; set; } = [];
    [Parameter("uint256", "_threshold", 2)] public BigInteger Threshold { get; set; }
}

// LivepeerGovernor (OpenZeppelin Governor)
[Function("propose", "uint256")]
public sealed class ProposeFunction : FunctionMessage
{
    [Parameter("address[]", "targets", 1)] public List<string> Targets { get; set; } = [];
    [Parameter("uint256[]", "values", 2)] public List<BigInteger> Values { get; set; } = [];
    [Parameter("bytes[]", "calldatas", 3)] public List<byte[]> Calldatas { get; set; } = [];
    [Parameter("string", "description", 4)] public string Description { get; set; } = "";
}
[Function("castVote", "uint256")]
public sealed class CastVoteFunction : FunctionMessage
{
    [Parameter("uint256", "proposalId", 1)] public BigInteger ProposalId { get; set; }
    [Parameter("uint8", "support", 2)] public byte Support { get; set; }
}
/// <summary>queue and execute take the same arguments.</summary>
public abstract class ProposalOperationFunction : FunctionMessage
{
    [Parameter("address[]", "targets", 1)] public List<string> Targets { get; set; } = [];
    [Parameter("uint256[]", "values", 2)] public List<BigInteger> Values { get; set; } = [];
    [Parameter("bytes[]", "calldatas", 3)] public List<byte[]> Calldatas { get; set; } = [];
    [Parameter("bytes32", "descriptionHash", 4)] public byte[] DescriptionHash { get; set; } = [];
}
[Function("queue", "uint256")] public sealed class QueueFunction : ProposalOperationFunction;
[Function("execute", "uint256")] public sealed class ExecuteFunction : ProposalOperationFunction;
[Function("state", "uint8")] public sealed class StateFunction : FunctionMessage { [Parameter("uint256", "proposalId", 1)] public BigInteger ProposalId { get; set; } }
[Function("proposalVotes", typeof(ProposalVotesOutput))] public sealed class ProposalVotesFunction : FunctionMessage { [Parameter("uint256", "proposalId", 1)] public BigInteger ProposalId { get; set; } }
[FunctionOutput]
public sealed class ProposalVotesOutput : IFunctionOutputDTO
{
    [Parameter("uint256", "againstVotes", 1)] public BigInteger Against { get; set; }
    [Parameter("uint256", "forVotes", 2)] public BigInteger For { get; set; }
    [Parameter("uint256", "abstainVotes", 3)] public BigInteger Abstain { get; set; }
}
[Function("hasVoted", "bool")]
public sealed class HasVotedFunction : FunctionMessage
{
    [Parameter("uint256", "proposalId", 1)] public BigInteger ProposalId { get; set; }
    [Parameter("address", "account", 2)] public string Account { get; set; } = "";
}
[Function("proposalThreshold", "uint256")] public sealed class ProposalThresholdFunction : FunctionMessage;
[Function("getPastTotalSupply", "uint256")] public sealed class GetPastTotalSupplyFunction : FunctionMessage { [Parameter("uint256", "_round", 1)] public BigInteger Round { get; set; } }
[Function("getVotes", "uint256")] public sealed class GetVotesFunction : FunctionMessage { [Parameter("address", "_account", 1)] public string Account { get; set; } = ""; }

/// <summary>OpenZeppelin Governor's ProposalCreated event.</summary>
[Event("ProposalCreated")]
public sealed class ProposalCreatedEvent : IEventDTO
{
    [Parameter("uint256", "proposalId", 1, false)] public BigInteger ProposalId { get; set; }
    [Parameter("address", "proposer", 2, false)] public string Proposer { get; set; } = "";
    [Parameter("address[]", "targets", 3, false)] public List<string> Targets { get; set; } = [];
    [Parameter("uint256[]", "values", 4, false)] public List<BigInteger> Values { get; set; } = [];
    [Parameter("string[]", "signatures", 5, false)] public List<string> Signatures { get; set; } = [];
    [Parameter("bytes[]", "calldatas", 6, false)] public List<byte[]> Calldatas { get; set; } = [];
    [Parameter("uint256", "voteStart", 7, false)] public BigInteger VoteStart { get; set; }
    [Parameter("uint256", "voteEnd", 8, false)] public BigInteger VoteEnd { get; set; }
    [Parameter("string", "description", 9, false)] public string Description { get; set; } = "";
}
