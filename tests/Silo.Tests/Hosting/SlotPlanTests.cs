using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Snnsweep.Grains.Slots;
using Snnsweep.Silo.Hosting;
using Snnsweep.Silo.Tests.Cluster;

namespace Snnsweep.Silo.Tests.Hosting;

public sealed class SlotPlanTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-slots-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>A machine with this many CUDA devices, for the branch this CPU-only machine cannot take.</summary>
    private sealed class FakeDevices(int count) : IDeviceProbe
    {
        public int Asked { get; private set; }

        public int CudaDeviceCount()
        {
            Asked++;
            return count;
        }
    }

    [Fact]
    public void Auto_runs_one_slot_per_visible_cuda_device_with_every_cpu_for_libtorch()
    {
        var plan = SlotPlan.Resolve(SiloSettings.ParseSlots("auto"), new FakeDevices(2), cpus: 8);

        Assert.Equal(["cuda:0", "cuda:1"], plan.Devices);
        Assert.Null(plan.Problem);
        Assert.Equal(2, plan.VisibleCudaDevices);
        // A GPU silo's data loading and CPU work get the container's CPUs, not every core of the node.
        Assert.Equal(8, plan.Threads);
        Assert.Equal("2 slot(s) cuda:0,cuda:1 (auto: 2 CUDA devices are visible (cuda:0..cuda:1)), libtorch threads 8 of 8 CPU(s)", plan.Describe());
    }

    [Fact]
    public void Auto_without_a_cuda_device_runs_one_cpu_slot_on_every_cpu()
    {
        var plan = SlotPlan.Resolve(SiloSettings.ParseSlots("auto"), new FakeDevices(0), cpus: 4);

        Assert.Equal(["cpu"], plan.Devices);
        Assert.Null(plan.Problem);
        Assert.Equal(4, plan.Threads);
    }

    [Fact]
    public void Auto_on_this_machine_asks_libtorch_and_finds_no_cuda_device_in_the_cpu_build()
    {
        // TorchSharp-cpu: cuda is not available and the count is 0.
        Assert.Equal(0, new TorchDeviceProbe().CudaDeviceCount());
        var plan = SlotPlan.Resolve(SiloSettings.ParseSlots("auto"), new TorchDeviceProbe(), cpus: 2);
        Assert.Equal(["cpu"], plan.Devices);
        Assert.Null(plan.Problem);
    }

    [Theory]
    [InlineData("cuda:0,cuda:1", 1, "configured slots cuda:0,cuda:1 do not match the visible devices: 1 CUDA device is visible (cuda:0), so cuda:1 cannot run here")]
    [InlineData("cuda:0", 0, "configured slots cuda:0 do not match the visible devices: no CUDA device is visible, so cuda:0 cannot run here")]
    [InlineData("cuda:2,cuda:3", 2, "configured slots cuda:2,cuda:3 do not match the visible devices: 2 CUDA devices are visible (cuda:0..cuda:1), so cuda:2,cuda:3 cannot run here")]
    public void Configured_cuda_slots_the_process_cannot_see_run_nothing_and_say_both_what_is_configured_and_what_is_visible(string slots, int visible, string problem)
    {
        var plan = SlotPlan.Resolve(SiloSettings.ParseSlots(slots), new FakeDevices(visible), cpus: 4);

        Assert.StartsWith(problem, plan.Problem);
        Assert.Empty(plan.Devices);
        Assert.Equal(4, plan.Threads);
    }

    [Fact]
    public void Configured_cuda_slots_the_process_sees_run_as_configured()
    {
        var plan = SlotPlan.Resolve(SiloSettings.ParseSlots("cuda:1,cuda:0"), new FakeDevices(2), cpus: 6);

        Assert.Equal(["cuda:1", "cuda:0"], plan.Devices);
        Assert.Null(plan.Problem);
        Assert.Equal(6, plan.Threads);
    }

    [Fact]
    public void Cpu_slots_split_the_cpus_and_never_ask_for_cuda()
    {
        var devices = new FakeDevices(0);

        var plan = SlotPlan.Resolve(SiloSettings.ParseSlots("3"), devices, cpus: 8);

        Assert.Equal(["cpu", "cpu", "cpu"], plan.Devices);
        Assert.Equal(2, plan.Threads);
        Assert.Equal(0, devices.Asked);
        Assert.Equal(1, SlotPlan.Resolve(SiloSettings.ParseSlots("4"), devices, cpus: 2).Threads);
        Assert.Empty(SlotPlan.Resolve([], devices, cpus: 2).Devices);
        Assert.Equal(0, devices.Asked);
    }

    [Theory]
    [InlineData("auto,cpu")]
    [InlineData("gpu")]
    public void Auto_stands_alone(string slots)
    {
        Assert.Throws<ArgumentException>(() => SiloSettings.ParseSlots(slots));
    }

    [Fact]
    public async Task A_silo_configured_with_cuda_0_on_this_cpu_machine_stays_unready_naming_the_configured_and_the_visible_devices()
    {
        await using var silo = SiloHost.Build(Settings(["cuda:0"]));
        await silo.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(silo.Urls.Single()), Timeout = TimeSpan.FromSeconds(5) };

        var ready = await http.GetAsync("/health/ready");
        var body = await ready.Content.ReadAsStringAsync();
        var live = await http.GetAsync("/health/live");
        var slots = silo.Services.GetRequiredService<IOptions<SlotOptions>>().Value.Devices;
        await silo.StopAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("configured slots cuda:0 do not match the visible devices: no CUDA device is visible", body);
        // Alive (a restart changes nothing), and it leases no trial it would fail.
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Empty(slots);
    }

    [Fact]
    public async Task A_silo_with_auto_slots_on_this_cpu_machine_becomes_ready_with_one_cpu_slot()
    {
        await using var silo = SiloHost.Build(Settings([SiloSettings.AutoSlots]));
        await silo.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(silo.Urls.Single()), Timeout = TimeSpan.FromSeconds(5) };

        var ready = await WaitReadyAsync(http);
        var slots = silo.Services.GetRequiredService<IOptions<SlotOptions>>().Value.Devices;
        await silo.StopAsync();

        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal(["cpu"], slots);
    }

    /// <summary>A CUDA branch through the host: a fake machine with one GPU runs auto as cuda:0, and refuses cuda:1.</summary>
    [Fact]
    public async Task The_host_takes_its_slots_from_the_device_probe()
    {
        await using (var auto = SiloHost.Build(Settings([SiloSettings.AutoSlots]), devices: new FakeDevices(1), cpus: 3))
        {
            Assert.Equal(["cuda:0"], auto.Services.GetRequiredService<IOptions<SlotOptions>>().Value.Devices);
            Assert.Equal(3, auto.Services.GetRequiredService<SlotPlan>().Threads);
        }
        await using var wrong = SiloHost.Build(Settings(["cuda:1"]), devices: new FakeDevices(1), cpus: 3);
        Assert.Empty(wrong.Services.GetRequiredService<IOptions<SlotOptions>>().Value.Devices);
        Assert.Contains("1 CUDA device is visible (cuda:0), so cuda:1 cannot run here", wrong.Services.GetRequiredService<SlotPlan>().Problem);
    }

    private SiloSettings Settings(IReadOnlyList<string> slots) => new()
    {
        Slots = slots,
        DataRoot = _folder,
        DatabasePath = Path.Combine(_folder, $"cluster-{Guid.NewGuid():N}.db"),
        Urls = $"http://127.0.0.1:{LocalPorts.Free()}",
        SiloPort = LocalPorts.Free(),
        GatewayPort = LocalPorts.Free(),
        Dashboard = false,
        Quiet = true,
    };

    private static async Task<HttpStatusCode> WaitReadyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        while ((status = (await http.GetAsync("/health/ready")).StatusCode) != HttpStatusCode.OK && DateTime.UtcNow < deadline) await Task.Delay(200);
        return status;
    }
}
