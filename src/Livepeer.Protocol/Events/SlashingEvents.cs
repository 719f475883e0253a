using Livepeer.Core;

namespace Livepeer.Protocol.Events;

/// <summary>A transcoder was slashed: penalty taken from its pool, finder paid, the rest burned.</summary>
public sealed record Slashed(Address Transcoder, Address Finder, UInt256 Penalty, UInt256 FinderReward, string Reason) : ProtocolEvent;
/// <summary>A verifier attested a failed verification.</summary>
public sealed record FailedVerificationAttested(Address Transcoder, Hash Evidence, Address Verifier, long Attestations, int Threshold) : ProtocolEvent;
