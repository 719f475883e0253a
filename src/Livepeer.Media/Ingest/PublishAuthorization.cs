using Livepeer.Media.Profiles;

namespace Livepeer.Media.Ingest;

/// <summary>
/// The answer to "may this publisher publish?": refused with a reason, or allowed, optionally under another stream name
/// (the public playback id, when the key published with is a secret) and with its own transcoding ladder.
/// </summary>
public sealed record PublishAuthorization(string? Refusal, string? StreamName, IReadOnlyList<VideoProfile>? Profiles)
{
    /// <summary>Allowed under the published key, with the server's ladder.</summary>
    public static PublishAuthorization Allowed { get; } = new(null, null, null);

    /// <summary>Refused; <paramref name="reason"/> goes back to the publisher.</summary>
    public static PublishAuthorization Refuse(string reason) => new(reason, null, null);
}
