namespace Livepeer.Protocol.Events;

/// <summary>A sender unlock was cancelled.</summary>
public sealed record UnlockCancelled(Address Sender) : ProtocolEvent;
