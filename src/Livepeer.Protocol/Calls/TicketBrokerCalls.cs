using Livepeer.Core;
using Livepeer.Protocol.TicketBroker;

namespace Livepeer.Protocol.Calls;

/// <summary>fundDeposit (payable): the amount is taken from the caller's ETH.</summary>
public sealed record FundDepositCall(UInt256 Amount) : ProtocolCall;
/// <summary>fundReserve (payable).</summary>
public sealed record FundReserveCall(UInt256 Amount) : ProtocolCall;
/// <summary>fundDepositAndReserve (payable).</summary>
public sealed record FundDepositAndReserveCall(UInt256 DepositAmount, UInt256 ReserveAmount) : ProtocolCall;
/// <summary>fundDepositAndReserveFor (payable): funds another sender.</summary>
public sealed record FundDepositAndReserveForCall(Address Sender, UInt256 DepositAmount, UInt256 ReserveAmount) : ProtocolCall;
/// <summary>unlock().</summary>
public sealed record UnlockCall : ProtocolCall;
/// <summary>cancelUnlock().</summary>
public sealed record CancelUnlockCall : ProtocolCall;
/// <summary>withdraw().</summary>
public sealed record WithdrawCall : ProtocolCall;
/// <summary>redeemWinningTicket(ticket, sig, recipientRand).</summary>
public sealed record RedeemWinningTicketCall(Ticket Ticket, byte[] Signature, UInt256 RecipientRand) : ProtocolCall;
/// <summary>ServiceRegistry.setServiceURI.</summary>
public sealed record SetServiceUriCall(string ServiceUri) : ProtocolCall;
