using System.Net;
using Livepeer.Node.Orchestrator.Transcoders;
using Livepeer.Node.Tests.Transcoders;
using Livepeer.Node.Transcoder;

namespace Livepeer.Node.Tests.Observability;

/// <summary>The remote transcoder's HTTP listener: /metrics in valid Prometheus text whose counters move per task, and /status.</summary>
public sealed class TranscoderObservabilityTests
{
    [Fact]
    public async Task MetricsAndStatusFollowTheTasks()
    {
        await using var h = await PoolHarness.StartAsync();
        var fake = new FakeSegmentTranscoder((job, _) => job.Seq == 99 ? throw new InvalidOperationException("bad source") : Task.CompletedTask);
        var node = h.StartTranscoder(fake, capacity: 2);
        await using var server = await TranscoderStatusServer.StartAsync(node, new IPEndPoint(IPAddress.Loopback, 0));
        await PoolHarness.Until(() => h.Pool.Transcoders == 1 && node.Connected, "registration");
        using var http = new HttpClient();

        var before = await NetworkObservabilityTests.ScrapeAsync(http, server.Address);
        Assert.Equal(1, before.Value("livepeer_transcoder_connected"));
        Assert.Equal(2, before.Value("livepeer_transcoder_capacity"));
        for (var seq = 0; seq < 3; seq++) await h.Pool.TranscodeAsync(PoolHarness.Job(seq), CancellationToken.None);
        await Assert.ThrowsAsync<TranscoderUnavailableException>(() => h.Pool.TranscodeAsync(PoolHarness.Job(99), CancellationToken.None));
        await PoolHarness.Until(() => node.Completed == 4, "results posted"); // the failure is posted as an error result

        var after = await NetworkObservabilityTests.ScrapeAsync(http, server.Address);
        Assert.Equal(4, after.Value("livepeer_transcoder_tasks_received_total") - before.Value("livepeer_transcoder_tasks_received_total"));
        Assert.Equal(4, after.Value("livepeer_transcoder_tasks_completed_total") - before.Value("livepeer_transcoder_tasks_completed_total"));
        Assert.Equal(3, after.Value("livepeer_transcoder_transcode_seconds_count") - before.Value("livepeer_transcoder_transcode_seconds_count"));
        Assert.Equal(1, after.Value("livepeer_transcoder_task_failures_total", ("reason", "transcode")));
        Assert.Equal(1, after.Value("livepeer_transcoder_registrations_total"));
        Assert.Equal(0, after.Value("livepeer_transcoder_tasks_in_flight"));

        var status = await NetworkObservabilityTests.StatusAsync(http, server.Address);
        Assert.Equal("transcoder", (string?)status["role"]);
        Assert.Equal(h.Server.Address.ToString(), (string?)status["orchestrator"]);
        Assert.Equal("connected", (string?)status["state"]);
        Assert.Equal(2, (int)status["capacity"]!);
        Assert.Equal(0, (int)status["tasksInFlight"]!);
        Assert.Equal(4, (long)status["tasksDone"]!);
        Assert.Equal(1, (long)status["tasksFailed"]!);
        Assert.Contains("bad source", (string?)status["lastError"]);

        // The orchestrator goes away: the transcoder says it is reconnecting.
        await h.StopServerAsync();
        await PoolHarness.Until(() => !node.Connected, "the transcoder notices");
        Assert.Equal("reconnecting", (string?)(await NetworkObservabilityTests.StatusAsync(http, server.Address))["state"]);
        await h.StartServerAsync(0); // the harness's DisposeAsync stops a running server
    }
}
