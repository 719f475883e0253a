namespace Livepeer.Protocol.Simulation;

/// <summary>
/// Keyless signatures for simulated broadcasters: r = keccak256(address | digest), s = address (low), v = 27; recovery
/// checks r. Honest (a signature only recovers for its own digest) but not secure: for simulations only.
/// </summary>
public sealed class SimulatedSignatures : ISignatureRecovery
{
    /// <summary>Signs a digest as <paramref name="signer"/>.</summary>
    public static byte[] Sign(Address signer, Hash digest)
    {
        var sig = new byte[65];
        Keccak256.HashConcat(signer.ToArray(), digest.ToArray()).Bytes.CopyTo(sig);
        signer.Bytes.CopyTo(sig.AsSpan(44));
        sig[64] = 27;
        return sig;
    }

    /// <inheritdoc />
    public Address? Recover(Hash digest, ReadOnlySpan<byte> signature65)
    {
        if (signature65.Length != 65) return null;
        var signer = new Address(signature65[44..64]);
        return signature65[..32].SequenceEqual(Keccak256.HashConcat(signer.ToArray(), digest.ToArray()).Bytes) ? signer : null;
    }
}
