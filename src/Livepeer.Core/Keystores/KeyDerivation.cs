namespace Livepeer.Core.Keystores;

/// <summary>How a keystore password is stretched into the 32-byte key that encrypts and authenticates the private key.</summary>
public abstract record KeyDerivation
{
    /// <summary>geth's standard: scrypt n=262144, r=8, p=1 (about 256 MiB and a second per unlock).</summary>
    public static KeyDerivation Standard => ScryptKdf.Standard;

    /// <summary>A light setting for tests and devnets: scrypt n=4096, r=8, p=1.</summary>
    public static KeyDerivation Light => ScryptKdf.Light;

    /// <summary>The name written in the file's "kdf" field.</summary>
    public abstract string Name { get; }

    /// <summary>Derives <paramref name="length"/> bytes from the password and salt.</summary>
    internal abstract byte[] Derive(byte[] password, byte[] salt, int length);
}
