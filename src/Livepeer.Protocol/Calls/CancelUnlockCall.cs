using Livepeer.Core;
using Livepeer.Protocol.TicketBroker;

namespace Livepeer.Protocol.Calls;

/// <summary>cancelUnlock().</summary>
public sealed record CancelUnlockCall : ProtocolCall;
