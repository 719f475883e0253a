using System.Text;
using Livepeer.Core;

namespace Livepeer.Wire.Segments;

/// <summary>
/// The bytes a broadcaster signs for a segment (<c>SegData.sig</c>): manifestId | seq as a 32-byte big-endian integer |
/// keccak256(segment) | the hex text of the profile ids. Matches go-livepeer's SegTranscodingMetadata.Flatten.
/// </summary>
public static class SegmentSigningMessage
{
    /// <summary>Builds the message; the signature is an EIP-191 personal sign of keccak256 of it.</summary>
    public static byte[] Flatten(string manifestId, long seq, Hash segmentHash, IEnumerable<string> profileNames)
    {
        ArgumentNullException.ThrowIfNull(manifestId);
        ArgumentOutOfRangeException.ThrowIfNegative(seq);
        var id = Encoding.UTF8.GetBytes(manifestId);
        var profiles = Encoding.ASCII.GetBytes(ProfileIds.ToHex(profileNames));
        var buffer = new byte[id.Length + 32 + Hash.Length + profiles.Length];
        id.CopyTo(buffer, 0);
        ((UInt256)(ulong)seq).WriteBigEndian32(buffer.AsSpan(id.Length, 32));
        segmentHash.Bytes.CopyTo(buffer.AsSpan(id.Length + 32));
        profiles.CopyTo(buffer, id.Length + 32 + Hash.Length);
        return buffer;
    }
}
