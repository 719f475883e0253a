using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Orchestrator.Transcoders;
using Livepeer.Node.Payments;
using Livepeer.Node.Transcoder;
using Livepeer.Wire.Segments;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Tests.Transcoders;

/// <summary>The orchestrator's transcoder pool and remote transcoder nodes over real TLS sockets on 127.0.0.1.</summary>
public sealed class TranscoderPoolTests
{
    [Fact]
    public async Task APaidSegmentIsTranscodedByARemoteTranscoderAndComesBackWithPixels()
    {
        await using var h = await PoolHarness.StartAsync();
        var fake = new FakeSegmentTranscoder();
        var node = h.StartTranscoder(fake, capacity: 2);
        await PoolHarness.Until(() => h.Pool.Transcoders == 1, "registration");
        await PoolHarness.Until(() => node.Connected, "the transcoder sees its registration");
        Assert.Equal(2, h.Pool.Capacity);

        var broadcaster = PrivateKey.Generate(new Random(42).NextBytes);
        h.Chain.Fund(broadcaster.Address, UInt256.Parse("1000000000000000000"));
        using var channel = GrpcChannel.ForAddress(h.Server.Address, new GrpcChannelOptions { HttpHandler = PoolHarness.Handler() });
        using var http = new HttpClient(PoolHarness.Handler()) { BaseAddress = h.Server.Address };
        var info = await new Proto.Orchestrator.OrchestratorClient(channel).GetOrchestratorAsync(new Proto.OrchestratorRequest
        {
            Address = ByteString.CopyFrom(broadcaster.Address.Bytes),
            Sig = ByteString.CopyFrom(PersonalMessage.Sign(broadcaster, Keccak256.Hash(broadcaster.Address.Bytes).Bytes).ToArray()),
        });
        var body = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        var hash = Keccak256.Hash(body);
        var names = PoolHarness.Ladder.Select(p => p.Name).ToList();
        var seg = new Proto.SegData
        {
            ManifestId = ByteString.CopyFromUtf8("stream1"), Seq = 4, Hash = ByteString.CopyFrom(hash.Bytes), Duration = 2000,
            Profiles = ByteString.CopyFrom(ProfileIds.Concat(names)), AuthToken = info.AuthToken, Capabilities = new Proto.Capabilities { Bitstring = { 1UL << 12 | 1UL | 2UL } },
            Sig = ByteString.CopyFrom(PersonalMessage.Sign(broadcaster, Keccak256.Hash(SegmentSigningMessage.Flatten("stream1", 4, hash, names)).Bytes).ToArray()),
        };
        seg.FullProfiles3.Add(PoolHarness.Ladder);
        var fee = Attowei.Fee(PoolHarness.Ladder.Sum(p => (long)p.Width * p.Height * 60), 1200, 1);
        var request = new HttpRequestMessage(HttpMethod.Post, SegmentHeaders.SegmentPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(SegmentHeaders.MediaTypeMpegTs);
        request.Headers.Add(SegmentHeaders.Segment, HeaderCodec.Encode(seg));
        request.Headers.Add(SegmentHeaders.Payment, HeaderCodec.Encode(PaymentWire.ToProto(new PaymentSender(broadcaster).Pay(PaymentWire.FromProto(info.TicketParams), fee), 1200, 1)));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = Proto.TranscodeResult.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(string.Empty, result.Error);
        Assert.Equal([640L * 360 * 60, 426L * 240 * 60], result.Data.Segments.Select(s => s.Pixels));
        var stored = await http.GetByteArrayAsync(result.Data.Segments[0].Url);
        Assert.Equal([.. body, (byte)(640 & 0xFF)], stored);

        // The remote transcoder saw the real source bytes, the stream, the sequence number and the profiles.
        var job = Assert.Single(fake.Jobs);
        Assert.Equal(("stream1", 4L), (job.ManifestId, job.Seq));
        Assert.Equal(body, job.Data);
        Assert.Equal(PoolHarness.Ladder, job.Profiles);
        Assert.Equal(TimeSpan.FromSeconds(2), job.Duration);
        await PoolHarness.Until(() => node.Completed == 1, "result posted");
        Assert.Equal(0, h.Pool.Load);
    }

    [Fact]
    public async Task TheLeastLoadedTranscoderWithFreeCapacityGetsTheNextTask()
    {
        await using var h = await PoolHarness.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = new FakeSegmentTranscoder((_, ct) => release.Task.WaitAsync(ct));
        var b = new FakeSegmentTranscoder((_, ct) => release.Task.WaitAsync(ct));
        h.StartTranscoder(a, capacity: 3, seed: 1);
        h.StartTranscoder(b, capacity: 3, seed: 2);
        await PoolHarness.Until(() => h.Pool.Transcoders == 2, "two registrations");

        var first = h.Pool.TranscodeAsync(PoolHarness.Job(1), CancellationToken.None);
        await PoolHarness.Until(() => a.Calls + b.Calls == 1, "first task started");
        var second = h.Pool.TranscodeAsync(PoolHarness.Job(2), CancellationToken.None);
        await PoolHarness.Until(() => a.Calls + b.Calls == 2, "second task started");
        // The first transcoder holds one task, so the second goes to the idle one.
        Assert.Equal((1, 1), (a.Calls, b.Calls));
        var third = h.Pool.TranscodeAsync(PoolHarness.Job(3), CancellationToken.None);
        await PoolHarness.Until(() => a.Calls + b.Calls == 3, "third task started");
        Assert.Equal(3, h.Pool.Load);
        Assert.Equal([1, 2], h.Pool.Snapshot().Select(s => s.Load).Order());

        release.SetResult();
        foreach (var t in new[] { first, second, third }) Assert.Equal(2, (await t).Count);
        Assert.Equal(0, h.Pool.Load);
    }

    [Fact]
    public async Task ATaskMovesToAnotherTranscoderWhenItsTranscoderDisconnects()
    {
        await using var h = await PoolHarness.StartAsync();
        var firstTaken = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task HoldFirst(SegmentJob _, CancellationToken ct)
        {
            if (Interlocked.Exchange(ref firstTaken, 1) == 1) return Task.CompletedTask;
            started.SetResult();
            return Task.Delay(Timeout.Infinite, ct);
        }
        var a = new FakeSegmentTranscoder(HoldFirst);
        var b = new FakeSegmentTranscoder(HoldFirst);
        var nodeA = h.StartTranscoder(a, seed: 1);
        var nodeB = h.StartTranscoder(b, seed: 2);
        await PoolHarness.Until(() => h.Pool.Transcoders == 2, "two registrations");

        var task = h.Pool.TranscodeAsync(PoolHarness.Job(9), CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var (holder, holderNode, other) = a.Calls == 1 ? (a, nodeA, b) : (b, nodeB, a);
        await holderNode.DisposeAsync(); // the transcoder vanishes mid-task

        var renditions = await task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(PoolHarness.Ladder.Select(p => p.Name), renditions.Select(r => r.ProfileName));
        Assert.Equal(640L * 360 * 60, renditions[0].Pixels);
        Assert.Equal((1, 1), (holder.Calls, other.Calls));
        Assert.Equal(1, h.Pool.Moved);
        Assert.Equal(1, h.Pool.Transcoders);
    }

    [Fact]
    public async Task ATranscoderThatTimesOutIsDroppedAndItsTaskMovesOn()
    {
        // max(MinTaskTimeout, 4 x 0.1 s) = 1.5 s for these segments.
        await using var h = await PoolHarness.StartAsync(minTaskTimeout: TimeSpan.FromMilliseconds(1500));
        var firstTaken = 0;
        Task HangFirst(SegmentJob _, CancellationToken ct) =>
            Interlocked.Exchange(ref firstTaken, 1) == 0 ? Task.Delay(Timeout.Infinite, ct) : Task.CompletedTask;
        var a = new FakeSegmentTranscoder(HangFirst);
        var b = new FakeSegmentTranscoder(HangFirst);
        h.StartTranscoder(a, seed: 1);
        h.StartTranscoder(b, seed: 2);
        await PoolHarness.Until(() => h.Pool.Transcoders == 2, "two registrations");

        var renditions = await h.Pool.TranscodeAsync(PoolHarness.Job(1, seconds: 0.1), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(2, renditions.Count);
        Assert.Equal((1, 1), (a.Calls, b.Calls));
        Assert.Equal(1, h.Pool.Moved);
        // The slow one was dropped (its stream closed, its task abandoned); it registers again under a new id and works.
        await PoolHarness.Until(() => h.Pool.Snapshot() is var pool && pool.Count == 2 && pool.Count(s => s.Id is 1 or 2) == 1 && pool.Any(s => s.Id == 3),
            "the dropped transcoder re-registers");
        Assert.Equal(0, a.Running + b.Running);
        for (var seq = 2; seq < 6; seq++) Assert.Equal(2, (await h.Pool.TranscodeAsync(PoolHarness.Job(seq, seconds: 0.1), CancellationToken.None)).Count);
        Assert.Equal(6, a.Calls + b.Calls);
    }

    [Fact]
    public async Task AReportedErrorMovesTheTaskAndAFailureEverywhereIsClear()
    {
        await using var h = await PoolHarness.StartAsync();
        var broken = new FakeSegmentTranscoder((_, _) => throw new InvalidDataException("decoder exploded"));
        h.StartTranscoder(broken, seed: 1);
        await PoolHarness.Until(() => h.Pool.Transcoders == 1, "registration");
        var e = await Assert.ThrowsAsync<TranscoderUnavailableException>(() => h.Pool.TranscodeAsync(PoolHarness.Job(1), CancellationToken.None));
        Assert.Contains("decoder exploded", e.Message);

        var good = new FakeSegmentTranscoder();
        h.StartTranscoder(good, seed: 2);
        await PoolHarness.Until(() => h.Pool.Transcoders == 2, "second registration");
        // Whichever transcoder is tried first, the result comes from the working one.
        for (var seq = 2; seq < 5; seq++) Assert.Equal(2, (await h.Pool.TranscodeAsync(PoolHarness.Job(seq), CancellationToken.None)).Count);
        Assert.Equal(3, good.Calls);
    }

    [Fact]
    public async Task WithoutTranscodersTheErrorSaysWhatToStartAndALocalTranscoderTakesOver()
    {
        await using (var h = await PoolHarness.StartAsync())
        {
            var e = await Assert.ThrowsAsync<TranscoderUnavailableException>(() => h.Pool.TranscodeAsync(PoolHarness.Job(1), CancellationToken.None));
            Assert.Contains("no transcoder available; start one with livepeer transcoder --orch-addr", e.Message);
        }
        var local = new FakeSegmentTranscoder();
        await using var withLocal = await PoolHarness.StartAsync(local);
        Assert.Equal(2, (await withLocal.Pool.TranscodeAsync(PoolHarness.Job(1), CancellationToken.None)).Count);
        Assert.Equal(1, local.Calls);
    }

    [Fact]
    public async Task AWrongSecretIsRefused()
    {
        await using var h = await PoolHarness.StartAsync();
        using var channel = GrpcChannel.ForAddress(h.Server.Address, new GrpcChannelOptions { HttpHandler = PoolHarness.Handler() });
        using var call = new Proto.Transcoder.TranscoderClient(channel).RegisterTranscoder(new Proto.RegisterRequest { Secret = "guess", Capacity = 1 });
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains("secret", e.Status.Detail);

        var node = h.StartTranscoder(new FakeSegmentTranscoder(), secret: "also wrong");
        var refused = await Assert.ThrowsAsync<RpcException>(() => node.Completion.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(0, h.Pool.Transcoders);
        Assert.Equal(0, node.Registrations);
    }

    [Fact]
    public async Task ForgedResultsAreRefusedAndDoNotCompleteTheTask()
    {
        await using var h = await PoolHarness.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fake = new FakeSegmentTranscoder((_, ct) => release.Task.WaitAsync(ct));
        h.StartTranscoder(fake);
        await PoolHarness.Until(() => h.Pool.Transcoders == 1, "registration");
        var task = h.Pool.TranscodeAsync(PoolHarness.Job(5), CancellationToken.None);
        await PoolHarness.Until(() => fake.Calls == 1, "task started");
        var taskId = Assert.Single(h.Pool.PendingTaskIds);

        using var http = new HttpClient(PoolHarness.Handler()) { BaseAddress = h.Server.Address };
        async Task<HttpResponseMessage> Post(string credentials, string id)
        {
            var forged = new[] { new TranscodedRendition("x", [6, 6, 6], 1, "video/mp2t"), new TranscodedRendition("y", [6], 1, "video/mp2t") };
            var request = new HttpRequestMessage(HttpMethod.Post, SegmentHeaders.TranscodeResultsPath) { Content = TranscodeResults.Success(forged) };
            request.Headers.TryAddWithoutValidation(SegmentHeaders.Authorization, SegmentHeaders.TranscoderAuthorization);
            request.Headers.Add(SegmentHeaders.Credentials, credentials);
            request.Headers.Add(SegmentHeaders.TaskId, id);
            return await http.SendAsync(request);
        }
        using (var wrong = await Post("guess", taskId.ToString())) Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode); // go's 401
        using (var unknown = await Post(PoolHarness.Secret, (taskId + 1000).ToString())) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var noId = await Post(PoolHarness.Secret, "abc")) Assert.Equal(HttpStatusCode.BadRequest, noId.StatusCode);
        // The source is only served with the task's token.
        using (var source = await http.GetAsync($"/segment-source/{taskId}/{new string('0', 32)}")) Assert.Equal(HttpStatusCode.NotFound, source.StatusCode);
        await Task.Delay(100);
        Assert.False(task.IsCompleted);

        release.SetResult();
        var renditions = await task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(3001, renditions[0].Data.Length); // the transcoder's real output, not the forged bytes
        Assert.Equal(426L * 240 * 60, renditions[1].Pixels);
    }

    [Fact]
    public async Task AResultMissingARenditionIsRefusedAndTheTaskMovesToTheLocalTranscoder()
    {
        var local = new FakeSegmentTranscoder();
        await using var h = await PoolHarness.StartAsync(local);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var remote = new FakeSegmentTranscoder((_, ct) => release.Task.WaitAsync(ct));
        h.StartTranscoder(remote);
        await PoolHarness.Until(() => h.Pool.Transcoders == 1, "registration");
        var task = h.Pool.TranscodeAsync(PoolHarness.Job(5), CancellationToken.None);
        await PoolHarness.Until(() => remote.Calls == 1, "task started");
        var taskId = Assert.Single(h.Pool.PendingTaskIds);

        using var http = new HttpClient(PoolHarness.Handler()) { BaseAddress = h.Server.Address };
        var request = new HttpRequestMessage(HttpMethod.Post, SegmentHeaders.TranscodeResultsPath)
        {
            Content = TranscodeResults.Success([new TranscodedRendition("only one", [1], 1, "video/mp2t")]),
        };
        request.Headers.TryAddWithoutValidation(SegmentHeaders.Authorization, SegmentHeaders.TranscoderAuthorization);
        request.Headers.Add(SegmentHeaders.Credentials, PoolHarness.Secret);
        request.Headers.Add(SegmentHeaders.TaskId, taskId.ToString());
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1 renditions for 2 profiles", await response.Content.ReadAsStringAsync());

        var renditions = await task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(2, renditions.Count);
        Assert.Equal(1, local.Calls);
        Assert.Equal(1, h.Pool.Moved);
    }

    [Fact]
    public async Task ATranscoderReconnectsAfterTheOrchestratorRestarts()
    {
        await using var h = await PoolHarness.StartAsync();
        var fake = new FakeSegmentTranscoder();
        var node = h.StartTranscoder(fake);
        await PoolHarness.Until(() => h.Pool.Transcoders == 1, "registration");
        var port = h.Server.Address.Port;

        await h.StopServerAsync();
        await PoolHarness.Until(() => !node.Connected, "the transcoder notices");
        await Task.Delay(300); // a few refused reconnect attempts while the orchestrator is down
        await h.StartServerAsync(port);
        await PoolHarness.Until(() => h.Pool.Transcoders == 1, "re-registration with the new orchestrator");
        await PoolHarness.Until(() => node.Registrations == 2 && node.Connected, "the transcoder counts its second registration");
        Assert.Equal(2, (await h.Pool.TranscodeAsync(PoolHarness.Job(1), CancellationToken.None)).Count);
        Assert.Equal(1, fake.Calls);
    }

    [Fact]
    public async Task ATranscoderNeverHoldsMoreTasksThanItsCapacity()
    {
        await using var h = await PoolHarness.StartAsync();
        var fake = new FakeSegmentTranscoder((_, ct) => Task.Delay(60, ct));
        h.StartTranscoder(fake, capacity: 2);
        await PoolHarness.Until(() => h.Pool.Transcoders == 1, "registration");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => h.Pool.TranscodeAsync(PoolHarness.Job(i), CancellationToken.None)));
        Assert.All(results, r => Assert.Equal(2, r.Count));
        Assert.Equal(8, fake.Calls);
        Assert.Equal(2, fake.MaxRunning);
        Assert.Equal(0, h.Pool.Load);
    }

    [Fact]
    public void BackoffDoublesIsCappedAndJittered()
    {
        var options = new TranscoderNodeOptions
        {
            OrchestratorUri = new Uri("https://127.0.0.1:8936"), Secret = "x",
            BackoffInitial = TimeSpan.FromSeconds(1), BackoffMax = TimeSpan.FromSeconds(30),
        };
        var random = new Random(7);
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var ceiling = Math.Min(30, Math.Pow(2, attempt));
            var delay = options.Backoff(attempt, random).TotalSeconds;
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
        Assert.Throws<ArgumentException>(() => (options with { OrchestratorUri = new Uri("http://127.0.0.1:8936") }).Validate());
        Assert.Throws<ArgumentException>(() => (options with { Capacity = 0 }).Validate());
    }
}
