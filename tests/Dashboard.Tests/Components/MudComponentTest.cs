using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Snnsweep.Dashboard.Tests.Components;

/// <summary>
/// A bunit context with MudBlazor's services. MudBlazor's services are IAsyncDisposable only, so xunit must
/// dispose the context asynchronously (IAsyncLifetime).
/// </summary>
public abstract class MudComponentTest : BunitContext, IAsyncLifetime
{
    protected MudComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
