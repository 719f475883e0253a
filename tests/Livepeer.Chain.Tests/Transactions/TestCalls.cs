using Livepeer.Core;

namespace Livepeer.Chain.Tests.Transactions;

// Call records shaped like the protocol's, covering every field kind the catalog maps.
public sealed record TransferCall(Address To, UInt256 Amount);
public sealed record UnlockCall;
public enum VoteChoice : byte { Against = 0, For = 1, Abstain = 2 }
public sealed record VoteCall(ulong ProposalId, VoteChoice Choice, string Reason, bool Final);
public sealed record TestTicket(Address Recipient, long CreationRound, Hash CreationRoundBlockHash);
public sealed record RedeemCall(TestTicket Ticket, byte[] Signature, UInt256 RecipientRand);
public sealed record BatchCall(IReadOnlyList<Address> Targets, int Count);
