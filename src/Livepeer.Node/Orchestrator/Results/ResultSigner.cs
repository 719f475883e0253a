using Google.Protobuf;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Slashing;
using Livepeer.Wire.Segments;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Orchestrator.Results;

/// <summary>
/// Signs a transcode result twice: go-livepeer's <c>sig</c> (EIP-191 over keccak256 of the rendition hashes, what its
/// broadcasters check) and the project's segment claim in <c>claim_sig</c> (source hash, manifest, sequence too: what
/// slashing uses).
/// </summary>
public sealed class ResultSigner(PrivateKey key)
{
    /// <summary>Sets both signatures on <paramref name="data"/> for <paramref name="renditions"/>, in order.</summary>
    public void Sign(Proto.TranscodeData data, string manifestId, long seq, Hash profilesHash, Hash sourceHash, IEnumerable<byte[]> renditions)
    {
        var resultHash = TranscodeResultHash.Of(renditions.Select(r => (ReadOnlyMemory<byte>)r));
        data.Sig = ByteString.CopyFrom(PersonalMessage.Sign(key, resultHash.Bytes).ToArray());
        data.ClaimSig = ByteString.CopyFrom(PersonalMessage.Sign(key, SegmentClaim.Hash(manifestId, seq, profilesHash, sourceHash, resultHash).Bytes).ToArray());
    }
}
