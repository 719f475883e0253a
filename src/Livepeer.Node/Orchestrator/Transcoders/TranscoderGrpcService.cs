using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Orchestrator.Transcoders;

/// <summary>RegisterTranscoder: checks the shared secret, adds the transcoder to the pool and streams it tasks until it or the orchestrator goes.</summary>
public sealed class TranscoderGrpcService(TranscoderPool pool, IHostApplicationLifetime lifetime, ILogger<TranscoderGrpcService> log) : Proto.Transcoder.TranscoderBase
{
    /// <summary>go-livepeer's refusal of a wrong secret; its transcoders exit on exactly this message.</summary>
    public const string InvalidSecret = "invalid secret";
    /// <summary>go-livepeer's refusal of a capacity below 1; its transcoders exit on exactly this message.</summary>
    public const string ZeroCapacity = "zero capacity";

    /// <summary>Most concurrent tasks one transcoder may announce.</summary>
    public const int MaxCapacity = 1024;

    /// <inheritdoc />
    public override async Task RegisterTranscoder(Proto.RegisterRequest request, IServerStreamWriter<Proto.NotifySegment> responseStream, ServerCallContext context)
    {
        if (!pool.IsSecret(request.Secret))
        {
            log.WrongSecret(context.Peer);
            // go-livepeer's transcoders stop for good only on this exact text ("invalid secret"), so it carries no hint.
            throw new RpcException(new Status(StatusCode.PermissionDenied, InvalidSecret));
        }
        if (request.Capacity < 1) throw new RpcException(new Status(StatusCode.InvalidArgument, ZeroCapacity)); // likewise go's exact text
        if (request.Capacity > MaxCapacity)
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"Capacity {request.Capacity} is out of range: pass --capacity between 1 and {MaxCapacity}."));

        var remote = pool.Register((int)request.Capacity, context.Peer, request.Capabilities);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            // Headers now tell the transcoder it is registered before any task arrives.
            await context.WriteResponseHeadersAsync([]);
            await foreach (var notify in remote.Outbox.ReadAllAsync(stop.Token)) await responseStream.WriteAsync(notify, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (IOException e)
        {
            log.StreamBroke(remote.Id, e.Message);
        }
        finally
        {
            pool.Remove(remote, lifetime.ApplicationStopping.IsCancellationRequested ? "orchestrator stopping" : "disconnected");
        }
    }
}
