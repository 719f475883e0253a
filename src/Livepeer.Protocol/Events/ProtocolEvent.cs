namespace Livepeer.Protocol.Events;

/// <summary>A state change worth telling (the contracts' events). <see cref="Name"/> is the event name.</summary>
public abstract record ProtocolEvent
{
    /// <summary>The event name, as in Livepeer's contracts where one exists.</summary>
    public string Name => GetType().Name;
}
