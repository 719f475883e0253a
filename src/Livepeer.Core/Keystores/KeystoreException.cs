namespace Livepeer.Core.Keystores;

/// <summary>Base of every keystore error; catch this to handle them all.</summary>
public abstract class KeystoreException(string message, Exception? inner = null) : Exception(message, inner);
