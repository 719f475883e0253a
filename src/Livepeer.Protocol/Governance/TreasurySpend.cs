using System.Collections.Immutable;
using Livepeer.Core;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Protocol.Governance;

/// <summary>Pay LPT from the treasury.</summary>
public sealed record TreasurySpend(Address Recipient, UInt256 Amount) : ProposalAction;
