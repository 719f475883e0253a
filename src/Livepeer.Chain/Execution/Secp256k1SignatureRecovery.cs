namespace Livepeer.Chain.Execution;

/// <summary>The protocol's signature recovery, backed by libsecp256k1.</summary>
public sealed class Secp256k1SignatureRecovery : ISignatureRecovery
{
    /// <summary>A shared instance (the native context is thread-safe once created).</summary>
    public static Secp256k1SignatureRecovery Instance { get; } = new();

    /// <inheritdoc />
    public Address? Recover(Hash digest, ReadOnlySpan<byte> signature65)
    {
        try { return Signature.FromBytes(signature65).Recover(digest); }
        catch (InvalidSignatureException) { return null; }
    }
}
