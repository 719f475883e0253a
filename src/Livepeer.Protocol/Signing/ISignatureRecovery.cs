namespace Livepeer.Protocol.Signing;

/// <summary>
/// Recovers the signer of a 65-byte (r | s | v) secp256k1 signature over a 32-byte digest; null when the signature is
/// malformed. The ledger implements it with libsecp256k1; the protocol only calls it.
/// </summary>
public interface ISignatureRecovery
{
    /// <summary>The signer's address, or null.</summary>
    Address? Recover(Hash digest, ReadOnlySpan<byte> signature65);
}
