namespace Livepeer.Media.Hls;

/// <summary>One media segment in a variant playlist.</summary>
/// <param name="MediaSequence">Its EXT-X-MEDIA-SEQUENCE number (0-based, one per appended segment).</param>
/// <param name="Uri">URI relative to the variant playlist, e.g. "12.ts".</param>
/// <param name="Duration">Duration in seconds (EXTINF).</param>
/// <param name="Discontinuity">Preceded by EXT-X-DISCONTINUITY.</param>
/// <param name="Data">The segment bytes served at <paramref name="Uri"/>.</param>
/// <param name="ContentType">HTTP content type of <paramref name="Data"/>.</param>
/// <param name="MapUri">For fMP4: the init segment URI (EXT-X-MAP) this segment needs; null for MPEG-TS.</param>
public sealed record HlsSegment(long MediaSequence, string Uri, double Duration, bool Discontinuity, ReadOnlyMemory<byte> Data, string ContentType, string? MapUri = null);
