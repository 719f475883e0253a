namespace Livepeer.Core.Keystores;

/// <summary>The password does not open the keystore (its MAC does not match).</summary>
public sealed class WrongPasswordException(string message) : KeystoreException(message);
