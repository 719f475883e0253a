namespace Livepeer.Protocol.Slashing;

/// <summary>
/// A transcoded result: keccak256 of the source segment, the result hash (keccak256 of the rendition hashes) and the
/// orchestrator's 65-byte EIP-191 signature over its <see cref="SegmentClaim"/>.
/// </summary>
public sealed record SignedResult(Hash SourceHash, Hash ResultHash, byte[] Signature);
