namespace Livepeer.Core.Crypto.Eip712;

/// <summary>EIP-712 typed data that cannot be hashed: unknown types, missing or extra fields, values that do not fit their type.</summary>
public sealed class TypedDataException(string message) : FormatException(message);
