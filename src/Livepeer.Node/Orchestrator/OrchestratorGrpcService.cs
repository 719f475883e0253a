using Google.Protobuf;
using Grpc.Core;
using Livepeer.Core.Crypto;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Orchestrator;

/// <summary>The go-livepeer Orchestrator gRPC service over <see cref="OrchestratorCore"/>.</summary>
public sealed class OrchestratorGrpcService(OrchestratorCore core, PrivateKey key) : Proto.Orchestrator.OrchestratorBase
{
    /// <inheritdoc />
    public override async Task<Proto.OrchestratorInfo> GetOrchestrator(Proto.OrchestratorRequest request, ServerCallContext context)
    {
        try { return await core.GetOrchestratorAsync(request, context.CancellationToken); }
        catch (OrchestratorRefusal e)
        {
            throw new RpcException(new Status(RefusalKinds.Of(e.Kind).GrpcStatus, "Invalid orchestrator request: " + e.Message)); // go-livepeer's prefix
        }
    }

    /// <inheritdoc />
    public override Task<Proto.EndTranscodingSessionResponse> EndTranscodingSession(Proto.EndTranscodingSessionRequest request, ServerCallContext context)
    {
        core.EndSession(request.AuthToken);
        return Task.FromResult(new Proto.EndTranscodingSessionResponse());
    }

    /// <summary>Answers with the orchestrator's EIP-191 signature of keccak256(value), proving its identity and measuring round trips.</summary>
    public override Task<Proto.PingPong> Ping(Proto.PingPong request, ServerCallContext context) =>
        Task.FromResult(new Proto.PingPong { Value = ByteString.CopyFrom(PersonalMessage.Sign(key, Keccak256.Hash(request.Value.Span).Bytes).ToArray()) });
}
