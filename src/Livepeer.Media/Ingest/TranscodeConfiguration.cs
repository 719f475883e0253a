using System.Text.Json;
using Livepeer.Media.Profiles;

namespace Livepeer.Media.Ingest;

/// <summary>
/// go-livepeer's stream configuration JSON (its authWebhookResponse): the auth webhook's answer, and the
/// Livepeer-Transcode-Configuration header of an HTTP push. It may name the stream's playback id ("manifestID") and its
/// ladder ("presets" by name and/or "profiles" objects); other fields are go's own and are ignored.
/// </summary>
public static class TranscodeConfiguration
{
    /// <summary>The push header that carries it.</summary>
    public const string Header = "Livepeer-Transcode-Configuration";

    /// <summary>Reads the JSON; throws <see cref="TranscodeConfigurationException"/> naming what is wrong.</summary>
    public static PublishAuthorization Parse(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new TranscodeConfigurationException($"not JSON ({e.Message})"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new TranscodeConfigurationException($"expected a JSON object, got {root.ValueKind}");
            string? manifestId = null;
            if (root.TryGetProperty("manifestID", out var mid) && mid.ValueKind != JsonValueKind.Null)
            {
                manifestId = mid.ValueKind == JsonValueKind.String ? mid.GetString() : throw new TranscodeConfigurationException("\"manifestID\" must be a string");
                if (string.IsNullOrEmpty(manifestId)) manifestId = null;
                else if (LiveIngest.ValidateStreamKey(manifestId) is { } bad) throw new TranscodeConfigurationException($"\"manifestID\": {bad}");
            }
            var ladder = new List<VideoProfile>();
            try
            {
                if (root.TryGetProperty("presets", out var presets) && presets.ValueKind != JsonValueKind.Null)
                {
                    if (presets.ValueKind != JsonValueKind.Array || presets.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String))
                        throw new TranscodeConfigurationException("\"presets\" must be an array of preset names");
                    if (presets.GetArrayLength() > 0) ladder.AddRange(VideoProfileParser.ParseNames(string.Join(',', presets.EnumerateArray().Select(p => p.GetString()))));
                }
                if (root.TryGetProperty("profiles", out var profiles) && profiles.ValueKind != JsonValueKind.Null)
                {
                    if (profiles.ValueKind != JsonValueKind.Array) throw new TranscodeConfigurationException("\"profiles\" must be an array of profile objects");
                    if (profiles.GetArrayLength() > 0) ladder.AddRange(VideoProfileParser.ParseJson(profiles.GetRawText()));
                }
                if (ladder.Count > 0) VideoProfileParser.Validate(ladder);
            }
            catch (ProfileException e) { throw new TranscodeConfigurationException(e.Message); }
            return new PublishAuthorization(null, manifestId, ladder.Count > 0 ? ladder : null);
        }
    }
}

/// <summary>Stream configuration JSON that cannot be used (not JSON, a field of the wrong type, an unknown preset).</summary>
public sealed class TranscodeConfigurationException(string message) : Exception(message);
