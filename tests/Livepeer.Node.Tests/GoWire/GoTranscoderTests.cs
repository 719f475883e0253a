using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Livepeer.Core.Crypto;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Orchestrator.Transcoders;
using Livepeer.Node.Tests.Transcoders;
using Livepeer.Node.Transcoder;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Tests.GoWire;

/// <summary>
/// Remote transcoders across implementations: a go-rules transcoder works for our orchestrator's pool, and our
/// transcoder works for a go-rules orchestrator (Authorization header, fullProfiles precedence, go's error content type,
/// the auth token and capabilities in NotifySegment, "invalid secret" fatal).
/// </summary>
public sealed class GoTranscoderTests
{
    private static Proto.Capabilities GoDefaults() => new() { Bitstring = { GoRules.Bits(GoRules.Defaults) } };

    private static SegmentJob Job(long seq, ulong[] caps) => PoolHarness.Job(seq) with
    {
        AuthToken = new Proto.AuthToken { SessionId = "session-" + seq, Token = ByteString.CopyFrom(new byte[32]), Expiration = 1 },
        Capabilities = new Proto.Capabilities { Bitstring = { caps } },
    };

    [Fact]
    public async Task AGoTranscoderGetsTheAuthTokenAndCapabilitiesAndItsResultsAndErrorsAreRead()
    {
        await using var h = await PoolHarness.StartAsync();
        h.Pool.OrchId = h.OrchestratorKey.Address.ToChecksumString(); // what an on-chain orchestrator node sets
        using var channel = GrpcChannel.ForAddress(h.Server.Address, new GrpcChannelOptions { HttpHandler = PoolHarness.Handler() });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = new Proto.Transcoder.TranscoderClient(channel).RegisterTranscoder(
            new Proto.RegisterRequest { Secret = PoolHarness.Secret, Capacity = 1, Capabilities = GoDefaults() }, cancellationToken: cts.Token);
        await call.ResponseHeadersAsync;
        await PoolHarness.Until(() => h.Pool.Transcoders == 1, "the go transcoder registered");
        using var http = new HttpClient(PoolHarness.Handler());

        // A VP9 job never goes to a go transcoder with default capabilities.
        var vp9 = await Assert.ThrowsAsync<TranscoderUnavailableException>(() => h.Pool.TranscodeAsync(Job(1, GoRules.Bits(GoRules.AuthToken, GoRules.H264, GoRules.Vp9Encode)), cts.Token));
        Assert.Contains("no transcoder available", vp9.Message);

        Assert.Equal(SessionAdmission.Admitted, h.Core.Sessions.TryOpen("session-2", Livepeer.Core.Address.Zero, paid: true));
        var work = h.Pool.TranscodeAsync(Job(2, GoRules.Bits(GoRules.AuthToken, GoRules.H264, GoRules.MpegTs)), cts.Token);
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        var notify = call.ResponseStream.Current;
        Assert.Equal("session-2", notify.SegData.AuthToken.SessionId); // go's GPU transcoders dereference it
        Assert.Equal(h.OrchestratorKey.Address.ToChecksumString(), notify.OrchId); // go's transcoders stamp it into the renditions' metadata
        Assert.True(GoRules.Within(GoRules.Bits(GoRules.AuthToken, GoRules.H264), notify.SegData.Capabilities.Bitstring));
        var profiles = notify.SegData.FullProfiles3.Count > 0 ? notify.SegData.FullProfiles3 : notify.SegData.FullProfiles2.Count > 0 ? notify.SegData.FullProfiles2 : notify.SegData.FullProfiles;
        var source = await http.GetByteArrayAsync(notify.Url, cts.Token);
        using (var ok = await http.SendAsync(GoResult(h, notify.TaskId, profiles.Select(p => (byte[])[.. source, (byte)p.Width]).ToList()), cts.Token))
            Assert.True(ok.IsSuccessStatusCode);
        var renditions = await work;
        Assert.Equal(2, renditions.Count);
        Assert.Equal([.. source, (byte)(640 & 0xFF)], renditions[0].Data);
        Assert.Equal([9, 9, (byte)renditions[0].Data.Length], renditions[0].PerceptualHash);

        // The session ends (EndTranscodingSession or idle): go's teardown reaches the transcoder that worked for it — a
        // NotifySegment without a URL, its SegData holding only the auth token's session id.
        h.Core.Sessions.Close("session-2");
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        var teardown = call.ResponseStream.Current;
        Assert.Equal("", teardown.Url);
        Assert.Equal("session-2", teardown.SegData.AuthToken.SessionId);
        Assert.Equal(ByteString.Empty, teardown.SegData.ManifestId);
        Assert.Empty(teardown.SegData.FullProfiles3);
        Assert.Equal(1, h.Pool.Teardowns);
        h.Core.Sessions.Close("session-2"); // once only
        Assert.Equal(1, h.Pool.Teardowns);

        // go's /transcodeResults answers 401 "Unauthorized" without Authorization: Livepeer-Transcoder-1.0 or with a wrong secret.
        var pending = h.Pool.TranscodeAsync(Job(4, GoRules.Bits(GoRules.AuthToken, GoRules.H264)), cts.Token);
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        var task4 = call.ResponseStream.Current.TaskId;
        using (var noAuth = GoResult(h, task4, [[1], [2]]))
        {
            noAuth.Headers.Remove("Authorization");
            using var refused = await http.SendAsync(noAuth, cts.Token);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        using (var wrongSecret = GoResult(h, task4, [[1], [2]]))
        {
            wrongSecret.Headers.Remove("Credentials");
            wrongSecret.Headers.Add("Credentials", "guess");
            using var refused = await http.SendAsync(wrongSecret, cts.Token);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        Assert.False(pending.IsCompleted); // neither was taken as the result
        using (var ok = await http.SendAsync(GoResult(h, task4, [[1], [2]]), cts.Token)) Assert.True(ok.IsSuccessStatusCode);
        Assert.Equal(2, (await pending).Count);

        // go reports a failed transcode with Content-Type livepeer/transcoding-error: the task fails with its text.
        var failing = h.Pool.TranscodeAsync(Job(3, GoRules.Bits(GoRules.AuthToken, GoRules.H264)), cts.Token);
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        var error = new StringContent("gpu on fire");
        error.Headers.ContentType = new MediaTypeHeaderValue("livepeer/transcoding-error");
        using (var reported = await http.SendAsync(GoPost(h, call.ResponseStream.Current.TaskId, error), cts.Token)) Assert.True(reported.IsSuccessStatusCode);
        var failure = await Assert.ThrowsAsync<TranscoderUnavailableException>(() => failing);
        Assert.Contains("gpu on fire", failure.Message);
    }

    [Fact]
    public async Task RegistrationRefusalsCarryGoExactTextsSoGoTranscodersStop()
    {
        await using var h = await PoolHarness.StartAsync();
        using var channel = GrpcChannel.ForAddress(h.Server.Address, new GrpcChannelOptions { HttpHandler = PoolHarness.Handler() });
        var client = new Proto.Transcoder.TranscoderClient(channel);
        // go's transcoder compares the status message with "invalid secret" / "zero capacity" exactly; anything else is retried forever.
        foreach (var (secret, capacity, text) in new[] { ("wrong", 1L, "invalid secret"), (PoolHarness.Secret, 0L, "zero capacity") })
        {
            using var call = client.RegisterTranscoder(new Proto.RegisterRequest { Secret = secret, Capacity = capacity });
            var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(text, e.Status.Detail);
        }
        Assert.Equal(0, h.Pool.Transcoders);
    }

    private static HttpRequestMessage GoPost(PoolHarness h, long taskId, HttpContent content)
    {
        var post = new HttpRequestMessage(HttpMethod.Post, new Uri(h.Server.Address, "/transcodeResults")) { Content = content, Version = HttpVersion.Version20 };
        post.Headers.TryAddWithoutValidation("Authorization", "Livepeer-Transcoder-1.0");
        post.Headers.Add("Credentials", PoolHarness.Secret);
        post.Headers.Add("TaskId", taskId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        post.Headers.Add("Pixels", "1000");
        return post;
    }

    private static HttpRequestMessage GoResult(PoolHarness h, long taskId, IReadOnlyList<byte[]> renditions)
    {
        var body = new MultipartContent("mixed");
        foreach (var r in renditions)
        {
            var part = new ByteArrayContent(r);
            part.Headers.ContentType = new MediaTypeHeaderValue("video/mp2t");
            part.Headers.ContentLength = r.Length;
            part.Headers.Add("Pixels", "1000");
            body.Add(part);
            var phash = new ByteArrayContent([9, 9, (byte)r.Length]); // go's optional perceptual-hash part after its rendition
            phash.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            body.Add(phash);
        }
        return GoPost(h, taskId, body);
    }

    [Fact]
    public async Task OurTranscoderWorksForAGoOrchestrator()
    {
        await using var go = await GoTranscoderHost.StartAsync();
        var fake = new FakeSegmentTranscoder();
        await using (var node = NewNode(go, "go-secret", fake).Start())
        {
            await PoolHarness.Until(() => node.Completed == 1, "a result posted to the go orchestrator and answered");
            Assert.Equal(1, node.SessionsEnded);
        }
        Assert.Single(fake.Jobs);
        var (authorization, contentType, parts) = go.Posted.Single(); // the teardown before the task posted nothing
        Assert.Equal("Livepeer-Transcoder-1.0", authorization); // without it go answers 401
        Assert.StartsWith("multipart/mixed", contentType);
        Assert.Equal(2, parts);
        // go put its default ladder in fullProfiles (33): our transcoder read it there.
        Assert.Equal(GoRules.DefaultLadder.Select(p => p.Name), fake.Jobs.Single().Profiles.Select(p => p.Name));

        go.Posted.Clear();
        var failing = new FakeSegmentTranscoder((_, _) => throw new InvalidOperationException("no encoder"));
        await using (var node = NewNode(go, "go-secret", failing).Start())
        {
            await PoolHarness.Until(() => go.Posted.Count == 1, "an error posted to the go orchestrator");
        }
        Assert.Equal("livepeer/transcoding-error", go.Posted.Single().ContentType);
    }

    [Fact]
    public async Task InvalidSecretFromAGoOrchestratorIsFatal()
    {
        await using var go = await GoTranscoderHost.StartAsync();
        await using var node = NewNode(go, "wrong", new FakeSegmentTranscoder()).Start();
        var e = await Assert.ThrowsAsync<RpcException>(() => node.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("invalid secret", e.Status.Detail);
        Assert.Equal(1, go.Registrations);
    }

    private static TranscoderNode NewNode(GoTranscoderHost go, string secret, IOrchestratorTranscoder transcoder) => new(new TranscoderNodeOptions
    {
        OrchestratorUri = go.Address, Secret = secret, Capacity = 1, BackoffInitial = TimeSpan.FromMilliseconds(50), BackoffMax = TimeSpan.FromMilliseconds(200),
    }, transcoder, TimeProvider.System, new Random(1));

    /// <summary>
    /// go's orchestrator side of remote transcoding, from the facts: RegisterTranscoder refuses a wrong secret with a plain
    /// error "invalid secret"; NotifySegment carries the default ladder in fullProfiles (33), profiles "invalid", the auth
    /// token and capabilities; /transcodeResults answers 401 without Authorization: Livepeer-Transcoder-1.0.
    /// </summary>
    private sealed class GoTranscoderHost : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private GoTranscoderHost(WebApplication app) => _app = app;
        public Uri Address { get; private set; } = null!;
        public ConcurrentQueue<(string Authorization, string ContentType, int Parts)> Posted { get; } = new();
        public int Registrations;
        private static readonly byte[] Source = Enumerable.Range(0, 2000).Select(i => (byte)i).ToArray();

        public static async Task<GoTranscoderHost> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            var dir = Directory.CreateTempSubdirectory("gotx-").FullName;
            var cert = SelfSignedCertificate.LoadOrCreate(Path.Combine(dir, "tls.pfx"), TimeProvider.System);
            Directory.Delete(dir, recursive: true);
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => { l.Protocols = HttpProtocols.Http1AndHttp2; l.UseHttps(cert); }));
            builder.Logging.ClearProviders();
            builder.Services.AddGrpc();
            GoTranscoderHost? self = null;
            builder.Services.AddSingleton(_ => self!);
            var app = builder.Build();
            self = new GoTranscoderHost(app);
            app.MapGrpcService<Service>();
            app.MapGet("/source", () => Results.Bytes(Source, "video/MP2T"));
            app.MapPost("/transcodeResults", async (HttpContext context) =>
            {
                var authorization = context.Request.Headers.Authorization.ToString();
                if (authorization != "Livepeer-Transcoder-1.0") return Results.Text("Unauthorized", statusCode: 401);
                var type = context.Request.ContentType ?? "";
                var parts = 0;
                if (type.StartsWith("multipart/mixed", StringComparison.Ordinal))
                {
                    var boundary = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(Microsoft.Net.Http.Headers.MediaTypeHeaderValue.Parse(type).Boundary).ToString();
                    var reader = new MultipartReader(boundary, context.Request.Body);
                    while (await reader.ReadNextSectionAsync() is { } section) { await section.Body.CopyToAsync(Stream.Null); parts++; }
                }
                self.Posted.Enqueue((authorization, type, parts));
                return Results.Text("OK");
            });
            await app.StartAsync();
            self.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return self;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private sealed class Service(GoTranscoderHost host) : Proto.Transcoder.TranscoderBase
        {
            public override async Task RegisterTranscoder(Proto.RegisterRequest request, IServerStreamWriter<Proto.NotifySegment> responseStream, ServerCallContext context)
            {
                Interlocked.Increment(ref host.Registrations);
                if (request.Secret != "go-secret") throw new RpcException(new Status(StatusCode.Unknown, "invalid secret"));
                var seg = new Proto.SegData
                {
                    ManifestId = ByteString.CopyFromUtf8("go"), Seq = 1, Duration = 2000, Profiles = ByteString.CopyFromUtf8("invalid"),
                    AuthToken = new Proto.AuthToken { SessionId = "s", Token = ByteString.CopyFrom(new byte[32]), Expiration = 1 },
                    Capabilities = new Proto.Capabilities { Bitstring = { GoRules.Bits(GoRules.AuthToken, GoRules.H264, GoRules.MpegTs) } },
                };
                seg.FullProfiles.Add(GoRules.DefaultLadder);
                // A teardown of an earlier session first (no URL, only the session id): nothing may be fetched or posted for it.
                await responseStream.WriteAsync(new Proto.NotifySegment { SegData = new Proto.SegData { AuthToken = new Proto.AuthToken { SessionId = "old" } }, OrchId = "offchain" });
                await responseStream.WriteAsync(new Proto.NotifySegment { Url = host.Address + "source", TaskId = 5, SegData = seg, OrchId = "0xgo" });
                try { await Task.Delay(Timeout.Infinite, context.CancellationToken); }
                catch (OperationCanceledException) { }
            }
        }
    }
}
