namespace Livepeer.Core.Crypto;

/// <summary>Bytes that are not a usable secp256k1 private key (wrong length, zero, or not below the curve order).</summary>
public sealed class InvalidPrivateKeyException(string message) : FormatException(message);
