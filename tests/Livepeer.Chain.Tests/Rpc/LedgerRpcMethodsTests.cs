using System.Text;
using System.Text.Json;
using Livepeer.Chain.JsonRpc;
using Livepeer.Chain.Rpc;
using Livepeer.Chain.Sequencing;
using Livepeer.Chain.Storage;
using Livepeer.Chain.Tests.Sequencing;
using Livepeer.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Chain.Tests.Rpc;

public sealed class LedgerRpcMethodsTests : IDisposable
{
    private static readonly Address Alice = Address.Parse("0x00000000000000000000000000000000000a11ce");
    private readonly string _dir = Directory.CreateTempSubdirectory("rpc-").FullName;
    private readonly ChainStore _store;
    private readonly Sequencer _sequencer;
    private readonly JsonRpcDispatcher _rpc;

    public LedgerRpcMethodsTests()
    {
        _store = ChainStore.Open(Path.Combine(_dir, "chain.db"));
        var state = new CounterStateMachine();
        _sequencer = new Sequencer(_store, state, state, new SequencerOptions(), TimeProvider.System);
        _sequencer.Start();
        _rpc = new JsonRpcDispatcher().AddLedgerMethods(_store, _sequencer, 1337);
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<JsonElement> Call(string method, string @params = "[]")
    {
        var body = $$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{{@params}}}""";
        var response = await _rpc.HandleAsync(Encoding.UTF8.GetBytes(body), CancellationToken.None);
        return JsonDocument.Parse(response!).RootElement.Clone();
    }

    private static string RawHex(ulong nonce, long delta) => Hex.Encode(CounterStateMachine.Raw(Alice, nonce, delta));

    [Fact]
    public async Task ChainIdAndBlockNumberAreHexQuantities()
    {
        Assert.Equal("0x539", (await Call("lp_chainId")).GetProperty("result").GetString());
        Assert.Equal("0x0", (await Call("lp_blockNumber")).GetProperty("result").GetString());
        _sequencer.SealBlock();
        Assert.Equal("0x1", (await Call("lp_blockNumber")).GetProperty("result").GetString());
    }

    [Fact]
    public async Task SendWaitReceiptBlockAndLogs()
    {
        var sent = (await Call("lp_sendRawTransaction", $"[\"{RawHex(0, 4)}\"]")).GetProperty("result");
        var hash = sent.GetProperty("hash").GetString()!;
        Assert.Equal("0x1", sent.GetProperty("pendingBlock").GetString());
        Assert.Equal(JsonValueKind.Null, (await Call("lp_getTransactionReceipt", $"[\"{hash}\"]")).GetProperty("result").ValueKind);
        Assert.Equal("0x1", (await Call("lp_getTransactionCount", $"[\"{Alice}\", \"pending\"]")).GetProperty("result").GetString());
        Assert.Equal("0x0", (await Call("lp_getTransactionCount", $"[\"{Alice}\"]")).GetProperty("result").GetString());

        var wait = Call("lp_waitForTransactionReceipt", $"[\"{hash}\", 10000]");
        _sequencer.SealBlock();
        var receipt = (await wait).GetProperty("result");
        Assert.Equal("0x1", receipt.GetProperty("status").GetString());
        Assert.Equal("0x1", receipt.GetProperty("blockNumber").GetString());
        Assert.Equal("Counted", receipt.GetProperty("logs")[0].GetProperty("event").GetString());
        Assert.Equal(4, receipt.GetProperty("logs")[0].GetProperty("args").GetProperty("value").GetInt32());

        var block = (await Call("lp_getBlockByNumber", "[\"latest\", true]")).GetProperty("result");
        Assert.Equal(hash, block.GetProperty("transactions")[0].GetProperty("hash").GetString());
        Assert.Equal(hash, (await Call("lp_getBlockByNumber", "[\"0x1\"]")).GetProperty("result").GetProperty("transactions")[0].GetString());
        Assert.Equal(JsonValueKind.Null, (await Call("lp_getBlockByNumber", "[\"0x99\"]")).GetProperty("result").ValueKind);

        var logs = (await Call("lp_getLogs", """[{"fromBlock":"0x0","toBlock":"latest","events":["Counted"]}]""")).GetProperty("result");
        Assert.Equal(1, logs.GetArrayLength());
        Assert.Equal(0, (await Call("lp_getLogs", """[{"events":["Bond"]}]""")).GetProperty("result").GetArrayLength());
    }

    [Theory]
    [InlineData("lp_sendRawTransaction", "[\"0xzz\"]", -32602)]
    [InlineData("lp_getTransactionReceipt", "[\"0x12\"]", -32602)]
    [InlineData("lp_getBlockByNumber", "[\"yesterday\"]", -32602)]
    [InlineData("lp_getLogs", """[{"fromBlock":5,"toBlock":1}]""", -32602)]
    [InlineData("lp_getLogs", """[{"events":"Bond"}]""", -32602)]
    [InlineData("lp_getTransactionCount", "[\"0xABCdef0000000000000000000000000000000000\"]", -32602)]
    [InlineData("lp_waitForTransactionReceipt", "[\"0x0000000000000000000000000000000000000000000000000000000000000000\"]", -32001)]
    public async Task BadParamsGetClearErrors(string method, string @params, int code)
    {
        var error = (await Call(method, @params)).GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task RejectedTransactionsCarryTheReasonAndChangeNothing()
    {
        await Call("lp_sendRawTransaction", $"[\"{RawHex(0, 1)}\"]");
        var error = (await Call("lp_sendRawTransaction", $"[\"{RawHex(1, -5)}\"]")).GetProperty("error");
        Assert.Equal(JsonRpcException.TransactionRejected, error.GetProperty("code").GetInt32());
        Assert.Equal("InsufficientBalance", error.GetProperty("data").GetProperty("reason").GetString());
        var replay = (await Call("lp_sendRawTransaction", $"[\"{RawHex(0, 1)}\"]")).GetProperty("error");
        Assert.Equal("NonceTooLow", replay.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal(1, _sequencer.PendingCount);
    }

    [Fact]
    public async Task BlocksArePushedAsServerSentEvents()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapBlockEvents("/events", _sequencer);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        using var response = await http.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(": subscribed", await reader.ReadLineAsync());

        _sequencer.Submit(CounterStateMachine.Raw(Alice, 0, 2));
        _sequencer.SealBlock();
        var lines = new List<string>();
        while (lines.Count < 3)
        {
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
            if (!string.IsNullOrEmpty(line)) lines.Add(line);
        }
        Assert.Equal("id: 1", lines[0]);
        Assert.Equal("event: block", lines[1]);
        var data = JsonDocument.Parse(lines[2]["data: ".Length..]).RootElement;
        Assert.Equal("0x1", data.GetProperty("number").GetString());
        Assert.Equal("Counted", data.GetProperty("events")[0].GetProperty("event").GetString());
        await app.StopAsync();
    }
}
