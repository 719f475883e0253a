namespace Livepeer.Core.Keystores;

/// <summary>No keystore file in the directory holds the requested address.</summary>
public sealed class AccountNotFoundException(string message) : KeystoreException(message);
