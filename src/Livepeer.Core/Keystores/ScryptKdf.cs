using Org.BouncyCastle.Crypto.Generators;

namespace Livepeer.Core.Keystores;

/// <summary>scrypt key derivation (the default of geth and ethers).</summary>
public sealed record ScryptKdf : KeyDerivation
{
    /// <summary>n=262144, r=8, p=1.</summary>
    public static new ScryptKdf Standard { get; } = new(1 << 18, 8, 1);
    /// <summary>n=4096, r=8, p=1: fast unlocks for tests and devnets.</summary>
    public static new ScryptKdf Light { get; } = new(1 << 12, 8, 1);

    // Refuse parameters that would make an untrusted file take gigabytes of memory or hours of CPU.
    internal const int MaxN = 1 << 20;
    internal const int MaxR = 32;
    internal const int MaxP = 16;

    /// <summary>Checks n (a power of two), r and p.</summary>
    public ScryptKdf(int n, int r, int p)
    {
        if (n < 2 || (n & (n - 1)) != 0 || n > MaxN) throw new ArgumentOutOfRangeException(nameof(n), n, $"scrypt n must be a power of two between 2 and {MaxN}.");
        if (r < 1 || r > MaxR) throw new ArgumentOutOfRangeException(nameof(r), r, $"scrypt r must be between 1 and {MaxR}.");
        if (p < 1 || p > MaxP) throw new ArgumentOutOfRangeException(nameof(p), p, $"scrypt p must be between 1 and {MaxP}.");
        // RFC 7914 requires n < 2^(128 r / 8); BouncyCastle and ethers both enforce it.
        if (16 * r < 31 && n >= 1 << (16 * r))
            throw new ArgumentOutOfRangeException(nameof(n), n, $"scrypt n must be below 2^(16 r) = {1 << (16 * r)} when r = {r} (RFC 7914).");
        N = n;
        R = r;
        P = p;
    }

    /// <summary>CPU/memory cost.</summary>
    public int N { get; }
    /// <summary>Block size.</summary>
    public int R { get; }
    /// <summary>Parallelism.</summary>
    public int P { get; }

    /// <inheritdoc />
    public override string Name => "scrypt";

    internal override byte[] Derive(byte[] password, byte[] salt, int length) => SCrypt.Generate(password, salt, N, R, P, length);
}
