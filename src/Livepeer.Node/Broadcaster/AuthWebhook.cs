using System.Net.Http.Json;
using Livepeer.Media.Ingest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Node.Broadcaster;

/// <summary>
/// Publisher authentication with go-livepeer's -authWebhookUrl contract: each new stream's ingest URL is POSTed as
/// {"url": "..."}; any answer but 2xx refuses the publisher; a 2xx answer may be empty (allowed as published) or a JSON
/// object naming the stream's playback id ("manifestID") and its ladder ("presets" by name and/or "profiles" objects).
/// A webhook that cannot be reached, or whose answer cannot be used, refuses the publisher with the reason.
/// </summary>
public sealed class AuthWebhook(Uri url, HttpClient http, ILogger? logger = null)
{
    /// <summary>How long the webhook has to answer before the publisher is refused.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Asks the webhook about a publisher of <paramref name="ingestUrl"/>.</summary>
    public async ValueTask<PublishAuthorization> AuthorizeAsync(string ingestUrl, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        HttpResponseMessage response;
        string body;
        try
        {
            response = await http.PostAsJsonAsync(url, new { url = ingestUrl }, timeout.Token).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Refuse($"the auth webhook {url} did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return Refuse($"the auth webhook {url} is unreachable: {e.Message}");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                return PublishAuthorization.Refuse($"the auth webhook refused this publisher (HTTP {(int)response.StatusCode})");
            if (string.IsNullOrWhiteSpace(body)) return PublishAuthorization.Allowed;
            try { return Parse(body); }
            catch (AuthWebhookAnswerException e) { return Refuse($"the auth webhook's answer is unusable: {e.Message}"); }
        }
    }

    private PublishAuthorization Refuse(string reason)
    {
        _logger.PublisherRefused(reason);
        return PublishAuthorization.Refuse(reason);
    }

    /// <summary>Reads a 2xx answer's JSON; throws <see cref="AuthWebhookAnswerException"/> naming what is wrong.</summary>
    public static PublishAuthorization Parse(string body)
    {
        try { return TranscodeConfiguration.Parse(body); }
        catch (TranscodeConfigurationException e) { throw new AuthWebhookAnswerException(e.Message); }
    }
}

/// <summary>A 2xx auth webhook answer that cannot be used (not JSON, a field of the wrong type, an unknown preset).</summary>
public sealed class AuthWebhookAnswerException(string message) : Exception(message);
