namespace Livepeer.Media.Ingest;

/// <summary>A publisher (RTMP or HTTP push) was refused by the server's authorization; the message says why.</summary>
public sealed class PublishRefusedException(string message) : Exception(message);
