using System.Security.Cryptography;

namespace Livepeer.Core.Keystores;

/// <summary>PBKDF2 with HMAC-SHA256 key derivation (the other kdf of Web3 Secret Storage).</summary>
public sealed record Pbkdf2Kdf : KeyDerivation
{
    internal const int MaxIterations = 10_000_000;

    /// <summary>Checks the iteration count.</summary>
    public Pbkdf2Kdf(int iterations = 262144)
    {
        if (iterations < 1 || iterations > MaxIterations)
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, $"pbkdf2 iterations must be between 1 and {MaxIterations}.");
        Iterations = iterations;
    }

    /// <summary>The iteration count c.</summary>
    public int Iterations { get; }

    /// <inheritdoc />
    public override string Name => "pbkdf2";

    internal override byte[] Derive(byte[] password, byte[] salt, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, length);
}
