namespace Livepeer.Core.Crypto.Eip712;

/// <summary>
/// A struct value built in C#: member name to value. Values are <see cref="Address"/>, <see cref="UInt256"/> (or any .NET
/// integer / BigInteger), bool, string, byte[] / <see cref="Hash"/> for bytes and bytesN, nested <see cref="Eip712Struct"/>
/// for struct members, and lists for arrays. Hex strings and decimal strings are accepted too, as JSON carries them.
/// </summary>
public sealed class Eip712Struct : Dictionary<string, object?>
{
    /// <summary>An empty struct value.</summary>
    public Eip712Struct() : base(StringComparer.Ordinal)
    {
    }

    /// <summary>A copy of <paramref name="members"/>.</summary>
    public Eip712Struct(IEnumerable<KeyValuePair<string, object?>> members) : base(members, StringComparer.Ordinal)
    {
    }
}
