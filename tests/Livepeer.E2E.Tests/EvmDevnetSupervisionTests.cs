using System.Globalization;
using Livepeer.Core.Crypto;
using Livepeer.Ethereum.Rpc;
using Livepeer.Node.Devnet;
using Livepeer.Protocol.Parameters;
using Microsoft.Extensions.Logging;

namespace Livepeer.E2E.Tests;

/// <summary>
/// The EVM devnet's chain alone (no nodes): anvil killed with SIGKILL is started again on the same port from its state
/// file, with a log line, and the deployment is still there, also when the kill cut that file short; stopping the devnet
/// stops the supervision with it.
/// </summary>
[Collection(RealTimeNetworks.Name)]
public sealed class EvmDevnetSupervisionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("evm-devnet-supervision-").FullName;

    [Fact]
    public async Task AnvilKilledIsRestartedOnTheSamePortFromItsStateFileOrItsLastCompleteSave()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var holder = PrivateKey.Generate();
        var logs = new CollectedLogs();
        using var loggers = logs.Factory();
        var evm = await EvmDevnet.StartAsync(0, _dir, TimeSpan.FromSeconds(1), ProtocolParameters.Devnet with { RoundLength = 6 },
            [(holder.Address, ProtocolParameters.Lpt(1000))], [(holder.Address, ProtocolParameters.Lpt(10))], [], 0, new Progress<string>(), cts.Token,
            loggers.CreateLogger<EvmDevnet>());
        await using (evm)
        {
            var first = evm.Anvil;
            var pidFile = Path.Combine(_dir, EvmDevnet.PidFile);
            Assert.Equal(first.ProcessId.ToString(CultureInfo.InvariantCulture), await File.ReadAllTextAsync(pidFile));
            using var rpc = new EthereumRpc(first.RpcUrl);
            // Past a state save (every second) after the deployment, so the kill loses at most the blocks mined since.
            var saved = await rpc.BlockNumberAsync();
            var state = Path.Combine(_dir, EvmDevnet.StateFile);
            var since = DateTime.UtcNow;
            Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(File.GetLastWriteTimeUtc(state) > since.AddMilliseconds(100)), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100)),
                "anvil did not save its state file");

            first.Kill();
            Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(evm.Restarts == 1 && evm.Anvil.IsRunning), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100)),
                $"anvil was not restarted:\n{logs}");
            Assert.NotEqual(first.ProcessId, evm.Anvil.ProcessId);
            Assert.Equal(first.Port, evm.Anvil.Port);
            Assert.Equal(evm.Anvil.ProcessId.ToString(CultureInfo.InvariantCulture), await File.ReadAllTextAsync(pidFile));
            Assert.Contains($"anvil (pid {first.ProcessId}) exited unexpectedly", logs.ToString());
            Assert.Contains("anvil restarted", logs.ToString());

            // The same chain answers on the same URL: the deployment (an LPT balance) and the blocks saved, and blocks go on.
            using var reader = await evm.Connector.ConnectAsync(null, TimeProvider.System, cts.Token);
            Assert.Equal(ProtocolParameters.Lpt(1000), (await reader.GetBalanceAsync(holder.Address, cts.Token)).Lpt);
            var head = await rpc.BlockNumberAsync();
            Assert.True(head >= saved, $"the restarted anvil is at block {head}, before the save at {saved}");
            Assert.True(await Eventually.HoldsAsync(async () => await rpc.BlockNumberAsync() > head, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200)), "no block after the restart");

            // Killed while writing its state file (frozen with SIGSTOP, the file cut short, then SIGKILL): anvil refuses such a
            // file, so the devnet restarts it from the last complete save it kept aside.
            var lastGood = Path.Combine(_dir, EvmDevnet.LastGoodStateFile);
            Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(lastGood)), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200)), "no last complete state save kept");
            var second = evm.Anvil;
            using (var stop = System.Diagnostics.Process.Start("kill", ["-STOP", second.ProcessId.ToString(CultureInfo.InvariantCulture)])!) await stop.WaitForExitAsync();
            await File.WriteAllTextAsync(state, "{\"block\":{");
            second.Kill();
            Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(evm.Restarts == 2 && evm.Anvil.IsRunning), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100)),
                $"anvil was not restarted from a cut-short state file:\n{logs}");
            Assert.Contains("cut short", logs.ToString());
            Assert.Equal(ProtocolParameters.Lpt(1000), (await reader.GetBalanceAsync(holder.Address, cts.Token)).Lpt);
        }
        Assert.False(File.Exists(Path.Combine(_dir, EvmDevnet.PidFile)));
        Assert.DoesNotContain("did not restart", logs.ToString());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
