namespace Livepeer.Media.Segmenting;

/// <summary>A publisher's timestamps do not advance with its data (e.g. every frame at one timestamp): its stream is refused.</summary>
public sealed class BrokenTimestampsException(string message) : FormatException(message);
