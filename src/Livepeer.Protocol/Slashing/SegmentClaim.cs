using System.Text;

namespace Livepeer.Protocol.Slashing;

/// <summary>
/// What an orchestrator signs for a transcoded segment: keccak256(manifestId (utf-8) | seq(32) | profilesHash(32) |
/// sourceHash(32) | resultHash(32)), signed with the EIP-191 prefix. Deviation from go-livepeer, which signs only the
/// rendition hashes: binding keccak256(source segment) means nobody holding the result can pair it with another source
/// and claim the orchestrator transcoded that badly. Two different results signed for one source of the same
/// (manifestId, seq, profilesHash) are equivocation.
/// </summary>
public static class SegmentClaim
{
    /// <summary>The hash an orchestrator signs.</summary>
    public static Hash Hash(string manifestId, long seq, Hash profilesHash, Hash sourceHash, Hash resultHash)
    {
        var k = new Keccak256();
        k.Update(Encoding.UTF8.GetBytes(manifestId));
        k.Update(((UInt256)seq).ToBigEndian32());
        k.Update(profilesHash.Bytes);
        k.Update(sourceHash.Bytes);
        k.Update(resultHash.Bytes);
        return k.Finish();
    }

    /// <summary>Identity of the segment (used to slash once per segment and orchestrator); the source is not part of it.</summary>
    public static Hash SegmentKey(Address orchestrator, string manifestId, long seq, Hash profilesHash)
    {
        var k = new Keccak256();
        k.Update(orchestrator.Bytes);
        k.Update(Encoding.UTF8.GetBytes(manifestId));
        k.Update(((UInt256)seq).ToBigEndian32());
        k.Update(profilesHash.Bytes);
        return k.Finish();
    }
}
