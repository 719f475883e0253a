namespace Livepeer.Protocol.Events;

/// <summary>A sender started unlocking its funds.</summary>
public sealed record Unlock(Address Sender, long StartRound, long EndRound) : ProtocolEvent;
