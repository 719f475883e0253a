using System.Text;
using System.Text.Json;
using Livepeer.Chain.JsonRpc;

namespace Livepeer.Chain.Tests.JsonRpc;

public class JsonRpcDispatcherTests
{
    private static JsonRpcDispatcher Dispatcher()
    {
        var calls = 0;
        return new JsonRpcDispatcher()
            .Register("lp_add", (p, _) => ValueTask.FromResult<object?>(long.Parse(p.GetString(0, "a")) + long.Parse(p.GetString(1, "b"))))
            .Register("lp_fail", (_, _) => throw new JsonRpcException(JsonRpcException.TransactionRejected, "nonce too low", new { expected = 3 }))
            .Register("lp_crash", (_, _) => throw new InvalidOperationException("boom"))
            .Register("lp_count", (_, _) => ValueTask.FromResult<object?>(++calls));
    }

    private static async Task<JsonElement> Call(JsonRpcDispatcher d, string body)
    {
        var response = await d.HandleAsync(Encoding.UTF8.GetBytes(body), CancellationToken.None);
        Assert.NotNull(response);
        return JsonDocument.Parse(response).RootElement;
    }

    [Fact]
    public async Task BatchSizeAndResponseBytesAreLimitedWithAnErrorNamingTheLimit()
    {
        var d = new JsonRpcDispatcher { MaxBatchSize = 10, MaxResponseBytes = 64 * 1024 }
            .Register("lp_big", (_, _) => ValueTask.FromResult<object?>(new string('x', 10_000)));
        string Batch(int n) => "[" + string.Join(",", Enumerable.Range(0, n).Select(i => $$"""{"jsonrpc":"2.0","id":{{i}},"method":"lp_big"}""")) + "]";
        var tooMany = await Call(d, Batch(11));
        Assert.Equal(-32005, tooMany.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("MaxBatchSize", tooMany.GetProperty("error").GetProperty("message").GetString());
        // 10 answers of 10 KB each pass 64 KiB: one error instead of a huge answer.
        var tooBig = await Call(d, Batch(10));
        Assert.Equal(-32005, tooBig.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("MaxResponseBytes", tooBig.GetProperty("error").GetProperty("message").GetString());
        // Within both limits, answered as before.
        Assert.Equal(5, (await Call(d, Batch(5))).GetArrayLength());
    }

    [Fact]
    public async Task PositionalAndNamedParams()
    {
        var d = Dispatcher();
        var r = await Call(d, """{"jsonrpc":"2.0","id":1,"method":"lp_add","params":["2","3"]}""");
        Assert.Equal(5, r.GetProperty("result").GetInt64());
        Assert.Equal(1, r.GetProperty("id").GetInt32());
        r = await Call(d, """{"jsonrpc":"2.0","id":"x","method":"lp_add","params":{"a":"4","b":"5"}}""");
        Assert.Equal(9, r.GetProperty("result").GetInt64());
        Assert.Equal("x", r.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("{", -32700)]
    [InlineData("[]", -32600)]
    [InlineData("42", -32600)]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"lp_add"}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":1}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":{},"method":"lp_add"}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"lp_add","params":5}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"lp_nope"}""", -32601)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"lp_add","params":[1,2]}""", -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"lp_crash"}""", -32603)]
    public async Task ErrorsCarryTheSpecCodes(string body, int code)
    {
        var r = await Call(Dispatcher(), body);
        Assert.Equal(code, r.GetProperty("error").GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(r.GetProperty("error").GetProperty("message").GetString()));
    }

    [Fact]
    public async Task ApplicationErrorsKeepTheirCodeMessageAndData()
    {
        var r = await Call(Dispatcher(), """{"jsonrpc":"2.0","id":7,"method":"lp_fail"}""");
        var error = r.GetProperty("error");
        Assert.Equal(-32000, error.GetProperty("code").GetInt32());
        Assert.Equal("nonce too low", error.GetProperty("message").GetString());
        Assert.Equal(3, error.GetProperty("data").GetProperty("expected").GetInt32());
    }

    [Fact]
    public async Task BatchesAnswerEachRequestAndSkipNotifications()
    {
        var d = Dispatcher();
        var r = await Call(d, """
            [{"jsonrpc":"2.0","id":1,"method":"lp_add","params":["1","1"]},
             {"jsonrpc":"2.0","method":"lp_count"},
             {"jsonrpc":"2.0","id":2,"method":"lp_nope"},
             {"jsonrpc":"2.0","id":3,"method":"lp_count"}]
            """);
        Assert.Equal(3, r.GetArrayLength());
        Assert.Equal(2, r[0].GetProperty("result").GetInt32());
        Assert.Equal(-32601, r[1].GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(2, r[2].GetProperty("result").GetInt32()); // the notification ran first
    }

    [Fact]
    public async Task OnlyNotificationsGiveNoResponse()
    {
        var d = Dispatcher();
        Assert.Null(await d.HandleAsync("""{"jsonrpc":"2.0","method":"lp_count"}"""u8.ToArray(), CancellationToken.None));
        Assert.Null(await d.HandleAsync("""[{"jsonrpc":"2.0","method":"lp_count"}]"""u8.ToArray(), CancellationToken.None));
    }

    [Fact]
    public void RegisteringTwiceIsAnError() =>
        Assert.Throws<InvalidOperationException>(() => Dispatcher().Register("lp_add", (_, _) => ValueTask.FromResult<object?>(null)));
}
