namespace Livepeer.Core.Crypto.Eip712;

/// <summary>One member of an EIP-712 struct type: its name and Solidity type ("address", "uint256", "Person[]", ...).</summary>
public sealed record Eip712Field(string Name, string Type);
