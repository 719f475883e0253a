namespace Livepeer.Core.Crypto;

/// <summary>A signature is malformed or not canonical (wrong length, bad v, r or s out of range, high s); the message says which.</summary>
public sealed class InvalidSignatureException(string message) : FormatException(message);
