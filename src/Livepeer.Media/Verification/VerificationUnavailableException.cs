namespace Livepeer.Media.Verification;

/// <summary>The verifier cannot run at all (ffmpeg/ffprobe missing or not startable); says what to install.</summary>
public sealed class VerificationUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
