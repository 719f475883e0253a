using System.ComponentModel;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Ethereum.Anvil;
using Livepeer.Ethereum.Chain;
using Livepeer.Ethereum.Contracts;
using Livepeer.Ethereum.Deployment;
using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Rpc;
using Livepeer.Ethereum.Transactions;
using Livepeer.Node.Chains;
using Livepeer.Protocol.Parameters;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Devnet;

/// <summary>
/// The devnet's chain on a real EVM: anvil with its state in a file, then mining a block every
/// <see cref="DevnetOptions.BlockTime"/>. The first start deploys the whole protocol (core, governance, Verifier) by
/// <see cref="ProtocolDeployer"/> with the devnet's parameters, mints LPT to the plan's accounts, sends ETH from anvil's
/// first dev account and hands the Controller to the Treasury; a later start with the same state directory loads
/// anvil's state file and the deployment record instead, so the chain (stakes, deposits, rounds) carries on. While it
/// runs, anvil is supervised: if it exits by itself (a crash, a kill) it is started again on the same port from the same
/// state file; the nodes' JSON-RPC clients ride out the gap, and what the last state save missed is re-sent by them.
/// </summary>
public sealed class EvmDevnet : IAsyncDisposable
{
    /// <summary>anvil's state file in the state directory.</summary>
    public const string StateFile = "anvil-state.json";
    /// <summary>The deployment record in the state directory, written once the deployment is complete.</summary>
    public const string RecordFile = "deployment.json";
    /// <summary>The file in the state directory holding the running anvil's process id (rewritten on each restart).</summary>
    public const string PidFile = "anvil.pid";
    /// <summary>The last complete state save, kept aside: a kill while anvil writes its state file leaves that file cut short.</summary>
    public const string LastGoodStateFile = "anvil-state.last-good.json";

    private readonly string _stateDirectory;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private volatile AnvilProcess _anvil;
    private Task _supervisor = Task.CompletedTask;
    private int _restarts;
    private int _disposed;

    private EvmDevnet(AnvilProcess anvil, DeploymentRecord record, EthereumConnector connector, bool resumed, string stateDirectory, ILogger log)
    {
        (_anvil, Record, Connector, Resumed, _stateDirectory, _log) = (anvil, record, connector, resumed, stateDirectory, log);
    }

    /// <summary>The anvil process running now (a new one after each restart).</summary>
    public AnvilProcess Anvil => _anvil;
    /// <summary>How many times anvil exited by itself and was started again.</summary>
    public int Restarts => Volatile.Read(ref _restarts);
    /// <summary>Where every contract is.</summary>
    public DeploymentRecord Record { get; }
    /// <summary>How the nodes reach it.</summary>
    public EthereumConnector Connector { get; }
    /// <summary>Whether this start loaded an earlier chain rather than deploying a new one.</summary>
    public bool Resumed { get; }

    /// <summary>
    /// Starts anvil on <paramref name="port"/> with its state in <paramref name="stateDirectory"/>; deploys and funds unless that
    /// directory holds a complete earlier deployment. Restarts of anvil are logged to <paramref name="log"/>.
    /// </summary>
    public static async Task<EvmDevnet> StartAsync(int port, string stateDirectory, TimeSpan blockTime, ProtocolParameters parameters, IReadOnlyList<(Address Holder, UInt256 Lpt)> lpt,
        IReadOnlyList<(Address Holder, UInt256 Eth)> eth, IReadOnlyList<Address> verifiers, int threshold, IProgress<string> progress, CancellationToken ct, ILogger? log = null)
    {
        Directory.CreateDirectory(stateDirectory);
        var statePath = Path.Combine(stateDirectory, StateFile);
        var recordPath = Path.Combine(stateDirectory, RecordFile);
        var resumed = File.Exists(recordPath) && File.Exists(statePath);
        // A state without a record is a deployment that did not finish: start that chain again from nothing.
        if (!resumed && File.Exists(statePath)) File.Delete(statePath);
        // Deployed with a block per transaction (seconds, not the minutes a 1-second block time takes), then blocks every blockTime.
        var anvil = await AnvilProcess.StartAsync(new AnvilOptions { Port = port, StatePath = statePath }, ct);
        try
        {
            var deployer = anvil.PrivateKeys[0];
            DeploymentRecord record;
            if (resumed)
            {
                record = DeploymentRecord.FromJson(await File.ReadAllTextAsync(recordPath, ct));
                progress.Report($"Loaded the chain from {statePath}: Controller {record.Controller} (--fresh starts a new one)");
            }
            else
            {
                progress.Report($"Deploying Livepeer's contracts (core, governance, Verifier) to anvil at {anvil.RpcUrl}");
                var artifacts = ContractArtifacts.Locate();
                var options = new DeploymentOptions { InitialBalances = lpt.Select(b => new InitialBalance(b.Holder.ToString(), b.Lpt.Value)).ToList() };
                var steps = ProtocolDeployer.FullSteps([.. verifiers.Select(v => v.ToString())], threshold); // ends with the Treasury owning the Controller
                record = await new ProtocolDeployer(anvil.RpcUrl, deployer, artifacts, parameters, options, steps).DeployAsync(ct);
            }
            var connector = new EthereumConnector(anvil.RpcUrl, EthereumNetwork.Resolve("anvil", Address.Parse(record.Controller)),
                new GasPolicy { ReceiptPollInterval = TimeSpan.FromMilliseconds(100) });
            if (!resumed)
            {
                using (var funder = (EthereumChain)await connector.ConnectAsync(PrivateKey.Parse(deployer), TimeProvider.System, ct))
                    foreach (var (holder, amount) in eth) await funder.SendEthAsync(holder, amount, ct);
                await File.WriteAllTextAsync(recordPath, record.ToJson(), ct); // last: only a complete deployment is resumed
                progress.Report($"Controller {record.Controller}; {lpt.Count} accounts hold LPT, {eth.Count} hold ETH");
            }
            var blockSeconds = Math.Max(1, (int)blockTime.TotalSeconds);
            using (var rpc = new EthereumRpc(anvil.RpcUrl))
                await rpc.RequestAsync<object>("evm_setIntervalMining", ct, blockSeconds);
            var devnet = new EvmDevnet(anvil, record, connector, resumed, stateDirectory, log ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            await devnet.WritePidFileAsync(ct);
            progress.Report($"anvil is running (pid {anvil.ProcessId}, in {Path.Combine(stateDirectory, PidFile)}); if it exits it is restarted from {statePath}");
            // A restart mines on the interval from its first block (no automine: that was only for the deployment).
            devnet._supervisor = Task.WhenAll(devnet.SuperviseAsync(anvil.Options with { Port = anvil.Port, BlockTimeSeconds = blockSeconds }, devnet._stop.Token),
                devnet.KeepLastGoodStateAsync(statePath, devnet._stop.Token));
            return devnet;
        }
        catch
        {
            await anvil.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for anvil to exit while the devnet runs; starts it again (same port, same state file) each time it does.</summary>
    private async Task SuperviseAsync(AnvilOptions restart, CancellationToken ct)
    {
        while (true)
        {
            var exited = _anvil;
            try { await exited.WaitForExitAsync(ct); }
            catch (OperationCanceledException) { return; }
            _log.AnvilExited(exited.ProcessId, exited.ExitCode ?? -1, exited.Port);
            await exited.DisposeAsync();
            RestoreStateIfCutShort(restart.StatePath);
            var started = await RestartAsync(restart, ct);
            if (started is null) return;
            _anvil = started;
            // The pid file first: whoever sees the restart counted or logged finds the new pid there.
            try { await WritePidFileAsync(ct); }
            catch (OperationCanceledException) { return; }
            catch (IOException e) { _log.FileNotWritten(e.Message); }
            Interlocked.Increment(ref _restarts);
            _log.AnvilRestarted(started.ProcessId, started.Port, restart.StatePath ?? "");
        }
    }

    /// <summary>Starts anvil until it listens, a little later after each failure; null once the devnet stops.</summary>
    private async Task<AnvilProcess?> RestartAsync(AnvilOptions restart, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await AnvilProcess.StartAsync(restart, ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return null; }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or Win32Exception)
            {
                // The port may still be held for a moment, or anvil may refuse a state file it was killed writing: try again.
                _log.AnvilRestartFailed(attempt, e.Message);
                try { await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), ct); }
                catch (OperationCanceledException) { return null; }
            }
        }
    }

    /// <summary>Every 2 s, a copy of anvil's state file when it is a complete JSON document (not caught mid-write).</summary>
    private async Task KeepLastGoodStateAsync(string statePath, CancellationToken ct)
    {
        var backup = Path.Combine(_stateDirectory, LastGoodStateFile);
        var seen = DateTime.MinValue;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                var written = File.GetLastWriteTimeUtc(statePath);
                if (written == seen) continue;
                var bytes = await File.ReadAllBytesAsync(statePath, ct);
                if (!IsCompleteJson(bytes)) continue; // caught mid-write: the next save will do
                await File.WriteAllBytesAsync(backup + ".tmp", bytes, ct);
                File.Move(backup + ".tmp", backup, overwrite: true);
                seen = written;
            }
            catch (OperationCanceledException) { return; }
            catch (IOException) { } // anvil replacing the file as it is read: try at the next tick
        }
    }

    /// <summary>Puts the last complete save back when a kill left the state file cut short (anvil refuses to start from it).</summary>
    private void RestoreStateIfCutShort(string? statePath)
    {
        var backup = Path.Combine(_stateDirectory, LastGoodStateFile);
        if (statePath is null || !File.Exists(backup)) return;
        try
        {
            if (File.Exists(statePath) && IsCompleteJson(File.ReadAllBytes(statePath))) return;
            File.Copy(backup, statePath, overwrite: true);
            _log.StateRestoredFromLastGood(statePath, File.GetLastWriteTimeUtc(backup));
        }
        catch (IOException e) { _log.FileNotWritten(e.Message); }
    }

    private static bool IsCompleteJson(byte[] bytes)
    {
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(bytes);
            return true;
        }
        catch (System.Text.Json.JsonException) { return false; }
    }

    private Task WritePidFileAsync(CancellationToken ct) =>
        File.WriteAllTextAsync(Path.Combine(_stateDirectory, PidFile), _anvil.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);

    /// <summary>Stops supervising, then stops anvil, which saves its state file on the way out.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return; // callers may stop it early and again at the end of a using
        await _stop.CancelAsync();
        await _supervisor;
        await _anvil.DisposeAsync();
        try { File.Delete(Path.Combine(_stateDirectory, PidFile)); } catch (IOException) { }
        _stop.Dispose();
    }
}
