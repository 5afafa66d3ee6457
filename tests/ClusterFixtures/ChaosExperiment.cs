using System.Diagnostics;
using Snnsweep.Contracts;

namespace Snnsweep.Tests.ClusterFixtures;

/// <summary>
/// The chaos experiment: silo processes on one Redis, a sweep whose runner checkpoints every epoch, a killer that
/// SIGKILLs a random silo every <see cref="ChaosOptions.KillEvery"/> and starts it again at once (as Kubernetes
/// restarts a pod), and a poison trial that kills whichever silo runs it (started again the same way). It ends when
/// the sweep completes, then checks the sweep's records against what the runners journalled.
/// </summary>
public static class ChaosExperiment
{
    private const string Space = """{"parameters":[{"type":"float","name":"lr","low":0.0001,"high":0.1,"log":true}]}""";

    public static async Task<ChaosReport> RunAsync(ChaosOptions options, string redis, Action<string> log)
    {
        var folder = Directory.CreateTempSubdirectory("snnsweep-chaos-").FullName;
        var cluster = $"chaos-{Guid.NewGuid():N}"[..14];
        var silos = Enumerable.Range(0, options.Silos).Select(i => new ChaosSiloProcess($"chaos-{i}", redis, cluster, folder, options)).ToList();
        try
        {
            foreach (var silo in silos) silo.Start();
            foreach (var silo in silos) await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
            log($"{silos.Count} silos ready");
            await using var client = await RedisClusterClient.ConnectAsync(redis, cluster, cluster);
            var sweep = client.Grains.GetGrain<ISweepGrain>("chaos");
            var clock = Stopwatch.StartNew();
            await sweep.Create(new SweepSpec("baseline", "demo", Space, [new ObjectiveSpec("valAccuracy", true)], options.Trials, options.Silos * options.SlotsPerSilo,
                "random", "none", options.Seed, options.Epochs, [], options.MaxRetries));

            var deaths = new List<SiloDeath>();
            using var stop = new CancellationTokenSource();
            var supervisor = SuperviseAsync(silos, options, deaths, log, stop.Token);
            SweepSnapshot done;
            try
            {
                done = await SweepWait.UntilAsync(sweep, s => s.Status == SweepStatus.Completed, "the chaos sweep to complete",
                    () => string.Join("\n---\n", silos.Select(s => s.Name + ":\n" + s.Output)), options.Timeout.TotalMinutes);
            }
            finally
            {
                await stop.CancelAsync();
                await supervisor;
            }
            var wall = clock.Elapsed;
            var queue = await client.Grains.GetGrain<IWorkQueueGrain>("default").GetState();
            foreach (var silo in silos) silo.Kill();
            return ChaosReport.From(options, done, queue, EpochJournal.Read(Path.Combine(folder, "journal")), deaths, wall);
        }
        finally
        {
            foreach (var silo in silos) silo.Dispose();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Kills a random silo on schedule and starts any silo that died again; records every death.</summary>
    private static async Task SuperviseAsync(List<ChaosSiloProcess> silos, ChaosOptions options, List<SiloDeath> deaths, Action<string> log, CancellationToken stop)
    {
        var random = new Random(options.Seed);
        var nextKill = DateTime.UtcNow + options.KillEvery;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            foreach (var silo in silos.Where(s => s.HasExited))
            {
                deaths.Add(new SiloDeath(silo.Name, silo.Pid, DateTime.UtcNow, ByKiller: false));
                log($"{silo.Name} (pid {silo.Pid}) died by itself; starting it again");
                silo.Start();
            }
            if (DateTime.UtcNow < nextKill) continue;
            var victim = silos[random.Next(silos.Count)];
            deaths.Add(new SiloDeath(victim.Name, victim.Kill(), DateTime.UtcNow, ByKiller: true));
            log($"killed {victim.Name} (pid {deaths[^1].Pid}); starting it again");
            victim.Start();
            nextKill = DateTime.UtcNow + options.KillEvery;
        }
    }
}
