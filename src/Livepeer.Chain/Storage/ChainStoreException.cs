namespace Livepeer.Chain.Storage;

/// <summary>The chain database refused an operation or is damaged; the message says what to do.</summary>
public sealed class ChainStoreException(string message, Exception? inner = null) : Exception(message, inner);
