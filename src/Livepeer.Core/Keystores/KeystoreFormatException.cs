namespace Livepeer.Core.Keystores;

/// <summary>A keystore file that is corrupted, truncated or uses a format or algorithm we do not support.</summary>
public sealed class KeystoreFormatException(string message, Exception? inner = null) : KeystoreException(message, inner);
