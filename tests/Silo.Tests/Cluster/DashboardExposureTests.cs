using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Snnsweep.Dashboard;
using Snnsweep.Silo.Hosting;

namespace Snnsweep.Silo.Tests.Cluster;

/// <summary>Who can reach the dashboard is decided from every way of binding it, and a loopback one answers only loopback names.</summary>
public sealed class DashboardExposureTests
{
    private static SiloSettings Settings(string urls) => new()
    {
        Urls = urls, Slots = [], DataRoot = Path.GetTempPath(), SiloPort = LocalPorts.Free(), GatewayPort = LocalPorts.Free(),
        DatabasePath = Path.Combine(Path.GetTempPath(), $"exposure-{Guid.NewGuid():N}.db"),
    };

    [Fact]
    public void A_kestrel_endpoint_beyond_loopback_without_a_token_is_refused_as_urls_beyond_loopback_are()
    {
        var port = LocalPorts.Free();

        var byUrls = Assert.Throws<InvalidOperationException>(() => SiloHost.Build(Settings($"http://0.0.0.0:{port}")));
        var byKestrel = Assert.Throws<InvalidOperationException>(() =>
            SiloHost.Build(Settings("http://127.0.0.1:5080"), [$"--Kestrel:Endpoints:Web:Url=http://0.0.0.0:{port}"]));

        Assert.Equal(byUrls.Message, byKestrel.Message);
        Assert.Contains("Snnsweep__DashboardToken", byKestrel.Message);
    }

    [Fact]
    public async Task A_dashboard_on_loopback_answers_400_to_a_host_name_that_is_not_loopback()
    {
        var port = LocalPorts.Free();
        await using var app = SiloHost.Build(Settings($"http://127.0.0.1:{port}"));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

        async Task<HttpStatusCode> Get(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
            request.Headers.Host = host;
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        var rebound = await Get("evil.example");
        var reboundWithPort = await Get($"evil.example:{port}");
        var localhost = await Get($"localhost:{port}");
        var ipv4 = await Get($"127.0.0.1:{port}");
        var ipv6 = await Get($"[::1]:{port}");
        await app.StopAsync();

        Assert.Equal(HttpStatusCode.BadRequest, rebound);
        Assert.Equal(HttpStatusCode.BadRequest, reboundWithPort);
        Assert.Equal(HttpStatusCode.OK, localhost);
        Assert.Equal(HttpStatusCode.OK, ipv4);
        Assert.Equal(HttpStatusCode.OK, ipv6);
    }

    [Fact]
    public async Task A_server_that_binds_beyond_loopback_in_code_stops_without_a_token_and_requires_the_token_with_one()
    {
        // Configuration says loopback; the server is told in code to listen on every address.
        static Action<IServiceCollection> AnyAddress(int port) => services => services.Configure<KestrelServerOptions>(o => o.ListenAnyIP(port));

        await using (var bare = SiloHost.Build(Settings("http://127.0.0.1:5080"), configureServices: AnyAddress(LocalPorts.Free())))
        {
            var stopping = new TaskCompletionSource();
            bare.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
            await bare.StartAsync();
            var stopped = await Task.WhenAny(stopping.Task, Task.Delay(TimeSpan.FromSeconds(30))) == stopping.Task;
            await bare.StopAsync();
            Assert.True(stopped, "a dashboard bound beyond loopback without a token must stop");
        }

        await using var withToken = SiloHost.Build(Settings("http://127.0.0.1:5080") with { DashboardToken = "t0ken" }, configureServices: AnyAddress(LocalPorts.Free()));
        await withToken.StartAsync();
        var required = withToken.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.RequireToken;
        await withToken.StopAsync();
        Assert.True(required);
    }
}
