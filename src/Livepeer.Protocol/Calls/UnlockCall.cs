using Livepeer.Core;
using Livepeer.Protocol.TicketBroker;

namespace Livepeer.Protocol.Calls;

/// <summary>unlock().</summary>
public sealed record UnlockCall : ProtocolCall;
