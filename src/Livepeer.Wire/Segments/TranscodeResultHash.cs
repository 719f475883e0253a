using Livepeer.Core;
using Livepeer.Core.Crypto;

namespace Livepeer.Wire.Segments;

/// <summary>What an orchestrator signs for a result: keccak256 of the concatenated keccak256 of each rendition, in profile order.</summary>
public static class TranscodeResultHash
{
    /// <summary>Hashes the renditions' bytes.</summary>
    public static Hash Of(IEnumerable<ReadOnlyMemory<byte>> renditions) =>
        OfRenditionHashes(renditions.Select(r => Keccak256.Hash(r.Span)));

    /// <summary>Combines already computed rendition hashes.</summary>
    public static Hash OfRenditionHashes(IEnumerable<Hash> renditionHashes)
    {
        var k = new Keccak256();
        foreach (var h in renditionHashes) k.Update(h.Bytes);
        return k.Finish();
    }
}
