namespace Livepeer.Core.Crypto;

/// <summary>The native secp256k1 library could not be loaded; the message says how to install it.</summary>
public sealed class Secp256k1UnavailableException(string message, Exception inner) : Exception(message, inner);
