namespace Livepeer.Protocol.Slashing;

/// <summary>A reported failed verification waiting for the verifiers: who found it (paid the finder fee) and when.</summary>
public sealed record FailedVerificationReport(Address Reporter, long Round);
