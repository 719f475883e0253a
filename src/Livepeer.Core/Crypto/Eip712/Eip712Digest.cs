namespace Livepeer.Core.Crypto.Eip712;

/// <summary>The final EIP-712 hash from its two parts.</summary>
public static class Eip712Digest
{
    /// <summary>keccak256(0x19 0x01 || domainSeparator || structHash).</summary>
    public static Hash Compute(Hash domainSeparator, Hash structHash)
    {
        Span<byte> buffer = stackalloc byte[66];
        buffer[0] = 0x19;
        buffer[1] = 0x01;
        domainSeparator.Bytes.CopyTo(buffer[2..]);
        structHash.Bytes.CopyTo(buffer[34..]);
        return Keccak256.Hash(buffer);
    }
}
