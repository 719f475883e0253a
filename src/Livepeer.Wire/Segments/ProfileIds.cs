using System.Text;
using Livepeer.Core;
using Livepeer.Core.Crypto;

namespace Livepeer.Wire.Segments;

/// <summary>The 4-byte profile identifiers carried in <c>SegData.profiles</c>: the first 4 bytes of keccak256(name).</summary>
public static class ProfileIds
{
    /// <summary>The id of one profile.</summary>
    public static byte[] Of(string profileName)
    {
        ArgumentNullException.ThrowIfNull(profileName);
        return Keccak256.Hash(Encoding.UTF8.GetBytes(profileName)).Bytes[..4].ToArray();
    }

    /// <summary>The concatenated ids of several profiles, in order.</summary>
    public static byte[] Concat(IEnumerable<string> profileNames) => profileNames.SelectMany(Of).ToArray();

    /// <summary>Lower-case hex of the concatenated ids (no 0x), as the segment signature covers them.</summary>
    public static string ToHex(IEnumerable<string> profileNames) => Hex.Encode(Concat(profileNames), prefix: false);
}
