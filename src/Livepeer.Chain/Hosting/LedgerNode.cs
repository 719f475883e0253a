using Livepeer.Chain.Rpc;
using Livepeer.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Livepeer.Chain.Hosting;

/// <summary>
/// A running ledger: the SQLite store, the protocol executor, the sequencer sealing blocks, and the JSON-RPC server
/// (POST /) with server-sent block events (GET /events), GET /status and Prometheus GET /metrics.
/// </summary>
public sealed class LedgerNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _blocks;

    private LedgerNode(WebApplication app, ChainStore store, ProtocolExecutor executor, Sequencer sequencer, TransactionCodec codec, Uri rpcUri, LedgerMetrics metrics, string dataDirectory)
    {
        (_app, Store, Executor, Sequencer, Codec, RpcUri, Metrics, DataDirectory) = (app, store, executor, sequencer, codec, rpcUri, metrics, dataDirectory);
        _blocks = sequencer.RunAsync(_stop.Token);
    }

    /// <summary>Where the JSON-RPC server listens.</summary>
    public Uri RpcUri { get; }
    /// <summary>The chain store.</summary>
    public ChainStore Store { get; }
    /// <summary>The protocol executor.</summary>
    public ProtocolExecutor Executor { get; }
    /// <summary>The sequencer.</summary>
    public Sequencer Sequencer { get; }
    /// <summary>The transaction codec of this chain.</summary>
    public TransactionCodec Codec { get; }
    /// <summary>This ledger's metrics (its own registry).</summary>
    public LedgerMetrics Metrics { get; }
    /// <summary>Where the chain's files live.</summary>
    public string DataDirectory { get; }

    /// <summary>The facts GET /status serves: chain id, head block, round, mempool size, head state hash, data directory.</summary>
    public JsonObject Status()
    {
        var (head, round, pending) = Sequencer.Read(b => (b.Number - 1, ProtocolEngine.CurrentRound(Executor.State, b.Number), Sequencer.PendingCount));
        return new JsonObject
        {
            ["role"] = "ledger",
            ["chainId"] = Codec.Domain.ChainId is { } id ? (ulong)id : null,
            ["rpc"] = RpcUri.ToString(),
            ["blockHeight"] = head,
            ["round"] = round,
            ["mempoolSize"] = pending,
            ["stateHash"] = Store.GetBlock(head)?.StateHash.ToString(),
            ["dataDir"] = DataDirectory,
        };
    }

    private void UpdateGauges()
    {
        var (head, round, pending) = Sequencer.Read(b => (b.Number - 1, ProtocolEngine.CurrentRound(Executor.State, b.Number), Sequencer.PendingCount));
        Metrics.BlockHeight.Set(head);
        Metrics.Round.Set(round);
        Metrics.MempoolSize.Set(pending);
    }

    /// <summary>Opens (or creates) the chain and starts serving; throws <see cref="ArgumentException"/> or <see cref="ChainStoreException"/> with what to do.</summary>
    public static async Task<LedgerNode> StartAsync(LedgerOptions options, TimeProvider time, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var store = ChainStore.Open(options.DatabasePath);
        try
        {
            var fresh = store.Head() is null;
            var chainId = ResolveChainId(store, options);
            var genesis = fresh
                ? LoadGenesis(options.GenesisFile ?? throw new ArgumentException($"There is no chain in {options.DataDirectory} yet: start it with --genesis FILE (a JSON genesis file)."))
                : new ProtocolState(ProtocolParameters.Devnet); // replaced by the stored snapshot in Start()
            var catalog = CallCatalog.Protocol();
            var codec = new TransactionCodec(catalog, chainId);
            var executor = new ProtocolExecutor(genesis);
            var sequencer = new Sequencer(store, executor, codec, new SequencerOptions { BlockTime = options.BlockTime, SnapshotInterval = options.SnapshotInterval },
                time, loggers?.CreateLogger<Sequencer>());
            var metrics = new LedgerMetrics();
            sequencer.Metrics = metrics;
            sequencer.Start();
            if (!fresh && options.GenesisFile is not null)
            {
                var expected = new ProtocolExecutor(LoadGenesis(options.GenesisFile)).StateHash();
                if (store.GetBlock(0)!.StateHash != expected)
                    throw new ArgumentException($"The chain in {options.DataDirectory} was started from another genesis than {options.GenesisFile}; drop --genesis or use a fresh --datadir.");
            }

            var (host, port) = options.ParseRpc();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://{host}:{port}");
            builder.UseNodeHosting(loggers);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            var app = builder.Build();
            var rpc = new JsonRpcDispatcher(loggers?.CreateLogger<JsonRpcDispatcher>())
                .AddLedgerMethods(store, sequencer, chainId)
                .AddProtocolViews(sequencer, executor, codec, catalog);
            app.MapJsonRpc("/", rpc);
            app.MapBlockEvents("/events", sequencer);
            LedgerNode? node = null;
            app.MapStatus(_ => Task.FromResult(node!.Status()));
            app.MapMetrics(metrics.Registry);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                await app.DisposeAsync();
                throw new ArgumentException($"Cannot listen on {host}:{port} ({e.Message}). Is another ledger running? Choose another address with --rpc.", e);
            }
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            node = new LedgerNode(app, store, executor, sequencer, codec, new Uri(address), metrics, Path.GetFullPath(options.DataDirectory));
            metrics.Registry.AddBeforeCollectCallback(node.UpdateGauges);
            return node;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static ulong ResolveChainId(ChainStore store, LedgerOptions options)
    {
        var stored = store.GetMeta("chain_id");
        if (stored is null)
        {
            store.SetMeta("chain_id", options.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return options.ChainId;
        }
        return ulong.Parse(stored, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ProtocolState LoadGenesis(string path)
    {
        try { return GenesisBuilder.Build(GenesisFile.Parse(File.ReadAllText(path))); }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException)
        {
            throw new ArgumentException($"Genesis file {path}: {e.Message}", e);
        }
    }

    /// <summary>Stops the block loop, seals what was admitted so no accepted transaction is dropped, and stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _blocks;
        if (Sequencer.PendingCount > 0) Sequencer.SealBlock();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Store.Dispose();
        _stop.Dispose();
    }
}
