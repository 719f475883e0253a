using Livepeer.Core;

namespace Livepeer.Protocol.Slashing;

/// <summary>A transcoded result hash and the orchestrator's 65-byte EIP-191 signature over its segment claim.</summary>
public sealed record SignedResult(Hash ResultHash, byte[] Signature);
