using System.Net;
using System.Text;
using System.Text.Json;
using Livepeer.Chain.JsonRpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Chain.Tests.JsonRpc;

public class JsonRpcEndpointTests
{
    [Fact]
    public async Task ServesJsonRpcOverHttpOnLoopbackAndRefusesHugeBodies()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapJsonRpc("/", new JsonRpcDispatcher().Register("lp_chainId", (_, _) => ValueTask.FromResult<object?>("0x539")));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var ok = await http.PostAsync("/", new StringContent("""{"jsonrpc":"2.0","id":1,"method":"lp_chainId"}""", Encoding.UTF8, "application/json"));
        Assert.Equal("application/json", ok.Content.Headers.ContentType!.MediaType);
        Assert.Equal("0x539", JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("result").GetString());

        var notification = await http.PostAsync("/", new StringContent("""{"jsonrpc":"2.0","method":"lp_chainId"}"""));
        Assert.Equal(HttpStatusCode.NoContent, notification.StatusCode);

        var huge = await http.PostAsync("/", new ByteArrayContent(new byte[JsonRpcEndpoint.MaxBodyBytes + 1]));
        var error = JsonDocument.Parse(await huge.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(JsonRpcException.InvalidRequest, error.GetProperty("code").GetInt32());
        await app.StopAsync();
    }
}
