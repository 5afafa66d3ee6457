using System.Security.Claims;
using Microsoft.Extensions.Options;
using Snnsweep.Dashboard.Services;

namespace Snnsweep.Dashboard.Tests.Services;

public sealed class DashboardAccessTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", false)]
    [InlineData("http://localhost:5080", false)]
    [InlineData("http://[::1]:5080", false)]
    [InlineData("http://127.0.0.1:5080;http://localhost:5081", false)]
    [InlineData("http://0.0.0.0:8080", true)]
    [InlineData("http://*:8080", true)]
    [InlineData("http://+:8080", true)]
    [InlineData("http://[::]:8080", true)]
    [InlineData("http://10.1.2.3:8080", true)]
    [InlineData("http://127.0.0.1:5080;http://0.0.0.0:8080", true)]
    public void Only_loopback_bindings_go_without_a_token(string urls, bool exposed) =>
        Assert.Equal(exposed, DashboardAccess.ExposesBeyondLoopback(urls));

    [Fact]
    public void With_a_token_required_only_signed_in_operators_may_act()
    {
        var access = new DashboardAccess(Options.Create(new DashboardOptions { RequireToken = true, Token = "s3cret" }));

        Assert.False(access.IsOperator(new ClaimsPrincipal(new ClaimsIdentity())));
        Assert.True(access.IsOperator(DashboardAccess.Operator()));
        Assert.Throws<UnauthorizedAccessException>(() => access.Demand(null));
        Assert.True(access.Accepts("s3cret"));
        Assert.False(access.Accepts("s3cret "));
        Assert.False(access.Accepts(""));
    }

    [Fact]
    public void On_loopback_everyone_may_act_and_no_token_is_accepted_when_none_is_set()
    {
        var access = new DashboardAccess(Options.Create(new DashboardOptions { RequireToken = false }));

        Assert.True(access.IsOperator(null));
        Assert.False(access.Accepts("anything"));
    }

    [Fact]
    public async Task The_sweep_client_refuses_mutations_without_the_token_before_touching_the_cluster()
    {
        var access = new DashboardAccess(Options.Create(new DashboardOptions { RequireToken = true, Token = "t" }));
        // No grain factory: a refused call must not get as far as the cluster.
        var client = new OrleansSweepClient(null!, null!, access, TimeProvider.System);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => client.CreateAsync(new SweepRequest(), null));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => client.StopAsync("s", null));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => client.ResumeAsync("s", null));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => client.ExtendAsync("s", 3, null));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => client.GetClusterAsync(null));
    }

    [Theory]
    [InlineData("/sweeps/a", "/sweeps/a")]
    [InlineData("/", "/")]
    [InlineData("~/cluster", "~/cluster")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("~//evil.example", "/")]
    [InlineData("~/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("evil.example", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    public void The_sign_in_returns_only_to_a_path_on_this_site(string? returnUrl, string expected) =>
        Assert.Equal(expected, DashboardEndpoints.LocalReturnUrl(returnUrl));
}
