namespace Livepeer.Core.Keystores;

/// <summary>An account held in a keystore directory: its address and the file that holds its encrypted key.</summary>
public sealed record KeystoreAccount(Address Address, string Path);
