namespace Livepeer.Media.Profiles;

/// <summary>A profile list or profile JSON is invalid; the message says which entry and field, and what is accepted.</summary>
public sealed class ProfileException(string message, Exception? inner = null) : Exception(message, inner);
