namespace Livepeer.Protocol.Views;

/// <summary>A failed-verification report for lp_getEvidence: who reported it, attestations so far and whether it is settled.</summary>
public sealed record EvidenceView(Address Transcoder, Hash Evidence, bool Reported, Address Reporter, long ReportedRound, long Attestations, int Threshold, bool Settled);
