using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Snnsweep.Trainer.Data.Demo;
using Snnsweep.Trainer.Data.Frames;
using Snnsweep.Trainer.Data.Packs;
using Snnsweep.Trainer.Data.Definitions;

namespace Snnsweep.Trainer.Data;

/// <summary>
/// The one way in to training data, for <c>train</c>, sweep trials, <c>data</c> and the benchmarks: opens the built-in
/// demo or any registered event dataset from its released folder (<see cref="DatasetLocations"/>), integrates its frames
/// into a memory-mapped pack shared by every trial of the process (built once; later callers wait for it and see its
/// progress), carves the validation split from train, and loads the static partner the transfer methods pair with.
/// </summary>
public sealed class DatasetCatalog
{
    /// <summary>Share of each class's training samples held out for validation (the search tunes on it).</summary>
    public const double ValidationFraction = 0.1;

    /// <summary>Seed of the validation split and of the sample order: fixed, so every trial and silo sees the same splits.</summary>
    public const int SplitSeed = 20_240_611;

    private static readonly string[] DemoNames = ["demo", "demo-full"];
    private static readonly DatasetDefinitions BuiltIn = DatasetDefinitions.CreateDefault();
    private readonly ConcurrentDictionary<DatasetRequest, Preparation> _opened = new();
    private readonly ConcurrentDictionary<string, (DateTime At, DatasetStatus Status)> _statuses = new(StringComparer.OrdinalIgnoreCase);

    public DatasetCatalog(DatasetLocations locations, DatasetDefinitions? definitions = null)
    {
        Locations = locations;
        Definitions = definitions ?? DatasetDefinitions.CreateDefault();
    }

    /// <summary>A catalog of the datasets under one data root.</summary>
    public DatasetCatalog(string dataRoot)
        : this(new DatasetLocations(dataRoot))
    {
    }

    public DatasetLocations Locations { get; }

    public DatasetDefinitions Definitions { get; }

    /// <summary>Every dataset a run can train on: the demo, then the registered event datasets.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. DemoNames, .. BuiltIn.All.Where(d => d.Domain == DatasetDomain.Event).Select(d => d.Name)];

    /// <summary>Whether <paramref name="name"/> is one of <see cref="Names"/>.</summary>
    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the dataset has static images for the transfer methods to pair with (the demo does; DVS Gesture does not).</summary>
    public static bool HasStaticPartner(string name) =>
        BuiltIn.TryGet(name, out var definition) ? definition.PairedDataset is not null : IsKnown(name);

    /// <summary>The event dataset's definition, or null for the demo.</summary>
    public IEventDatasetDefinition? EventDefinition(string name)
    {
        if (DemoDataset.ParseName(name) is not null) return null;
        if (!Definitions.TryGet(name, out var definition))
            throw new ArgumentException($"dataset '{name}' is not known; available: {string.Join(", ", Names)}");
        return definition as IEventDatasetDefinition ?? throw new ArgumentException(
            $"dataset '{name}' holds static images (the transfer source{(definition.PairedDataset is { } e ? $" of {e}" : "")}); train on an event dataset: {string.Join(", ", Names)}");
    }

    /// <summary>
    /// The splits for <paramref name="request"/>, integrated on first use; equal requests share them. Waits (showing
    /// the preparer's progress) when another trial is preparing them; <paramref name="cancellation"/> stops the wait only.
    /// </summary>
    public DatasetSplits Open(DatasetRequest request, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        var preparation = _opened.GetOrAdd(request, r => new Preparation(p => Load(r, p)));
        using var subscription = preparation.Subscribe(progress);
        preparation.Start();
        try
        {
            preparation.Task.Wait(cancellation);
            return preparation.Task.Result;
        }
        catch (AggregateException e)
        {
            // A failed preparation is forgotten, so a corrected folder is picked up by the next run.
            _opened.TryRemove(new KeyValuePair<DatasetRequest, Preparation>(request, preparation));
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException ?? e).Throw();
            throw;
        }
    }

    /// <summary>The frame settings a request integrates with (refused with a message naming the key when they cannot work).</summary>
    public FrameIntegrationSettings FrameSettings(DatasetRequest request)
    {
        var definition = EventDefinition(request.Dataset);
        if (definition is null) return FrameIntegrationSettings.For(request.Slicing, request.Timesteps);
        if (request.FrameSize == 0 && definition.Size is null && definition.DefaultFrames.Crop is null)
            throw new ArgumentException($"data.size: the recordings of {definition.Name} differ in size, so frames need a size (its default is {definition.DefaultFrames.Resize?.Width ?? 48}); set data.size");
        var settings = definition.DefaultFrames.ForTraining(request.Slicing, request.Timesteps, request.FrameSize);
        settings.Validate();
        return settings;
    }

    /// <summary>Integrates every sample for <paramref name="request"/> ahead of any run, without its static partner; later opens share it.</summary>
    public DatasetSplits Prepare(DatasetRequest request, IProgress<double>? progress = null, CancellationToken cancellation = default) =>
        Open(request with { WithStatic = false }, progress, cancellation);

    /// <summary>Where the dataset stands here; looked up again at most every <paramref name="maxAge"/> (default 30 s).</summary>
    public DatasetStatus Status(string name, TimeSpan? maxAge = null)
    {
        if (_statuses.TryGetValue(name, out var cached) && DateTime.UtcNow - cached.At < (maxAge ?? TimeSpan.FromSeconds(30))) return cached.Status;
        var status = LookUp(name);
        _statuses[name] = (DateTime.UtcNow, status);
        return status;
    }

    /// <summary><see cref="Status"/> of every dataset in <see cref="Names"/>.</summary>
    public IReadOnlyList<DatasetStatus> Statuses(TimeSpan? maxAge = null) => Names.Select(n => Status(n, maxAge)).ToList();

    /// <summary>The default frame settings of a dataset as a training request (the papers' T, slicing and size).</summary>
    public static DatasetRequest DefaultRequest(IEventDatasetDefinition definition, bool withStatic = false)
    {
        var frames = definition.DefaultFrames;
        return new DatasetRequest(definition.Name, frames.Frames, frames.TrainingSlicing ?? FrameSlicing.Time, frames.Resize?.Width ?? 0, withStatic);
    }

    private DatasetStatus LookUp(string name)
    {
        if (DemoDataset.ParseName(name) is { } variant)
        {
            var available = variant == DemoVariant.Bundled || File.Exists(Path.Combine(DemoDataset.DebianDirectory, "train-images-idx3-ubyte.gz"));
            return new DatasetStatus(name, variant == DemoVariant.Bundled ? "Built-in demo: Fashion-MNIST recorded by an event-camera emulator (5,000 samples)." : "Built-in demo on all 70,000 Fashion-MNIST images.",
                variant == DemoVariant.Bundled ? "(built in)" : DemoDataset.DebianDirectory, available ? DatasetState.Ready : DatasetState.NotFound, null, "fashion-mnist", null,
                available ? null : $"install Debian's dataset-fashion-mnist (expected in {DemoDataset.DebianDirectory})");
        }
        var definition = EventDefinition(name)!;
        var root = Locations.RootOf(definition.Name);
        DatasetIndex index;
        try
        {
            index = definition.Index(root);
        }
        catch (Exception e) when (e is DatasetLayoutException or DatasetFormatException or IOException or UnauthorizedAccessException)
        {
            return new DatasetStatus(definition.Name, definition.Description, Path.GetFullPath(root), DatasetState.NotFound, null, definition.PairedDataset,
                definition.PairedDataset is { } p ? Path.GetFullPath(Locations.RootOf(p)) : null, e.Message);
        }
        var samples = PackedSamples(index);
        string? partnerFolder = null, partnerProblem = null;
        if (definition.PairedDataset is { } partner && Definitions.TryGet(partner, out var partnerDefinition))
        {
            partnerFolder = Path.GetFullPath(Locations.RootOf(partner));
            try
            {
                partnerDefinition.Index(partnerFolder);
            }
            catch (Exception e) when (e is DatasetLayoutException or DatasetFormatException or IOException or UnauthorizedAccessException)
            {
                partnerProblem = e.Message;
            }
        }
        var prepared = FramePack.Exists(Locations.DataRoot, definition.Name, samples, FrameSettings(DefaultRequest(definition)));
        var state = partnerProblem is not null ? DatasetState.StaticPartnerMissing : prepared ? DatasetState.Ready : DatasetState.FramesNotPrepared;
        return new DatasetStatus(definition.Name, definition.Description, Path.GetFullPath(root), state, samples.Count, definition.PairedDataset, partnerFolder, partnerProblem);
    }

    private DatasetSplits Load(DatasetRequest request, IProgress<double>? progress, CancellationToken cancellation = default)
    {
        var definition = EventDefinition(request.Dataset);
        if (definition is null) return LoadDemo(request, progress);
        var settings = FrameSettings(request);
        var root = Locations.RootOf(definition.Name);
        var index = definition.Index(root);
        var samples = PackedSamples(index);
        var (store, manifest) = FramePack.OpenOrBuild(Locations.DataRoot, definition, samples, settings, progress, cancellation: cancellation);

        var rowOf = new Dictionary<string, int>(manifest.Ids.Count, StringComparer.Ordinal);
        for (var row = 0; row < manifest.Ids.Count; row++) rowOf[manifest.Ids[row]] = row;
        var excludedIds = manifest.Excluded.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var carved = index.WithValidation(ValidationFraction, SplitSeed);
        FrameDataset Split(DatasetSplit split)
        {
            // A fixed pseudo-random order, so that data.trainSamples and data.valSamples take a sample of every class.
            var members = carved.In(split).Where(s => !excludedIds.Contains(s.Id)).OrderBy(s => Rank(s.Id)).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
            return new FrameDataset(store, members.Select(s => rowOf[s.Id]).ToArray(), members.Select(s => s.Label).ToArray(),
                manifest.Timesteps, manifest.Channels, manifest.Height, manifest.Width, index.Classes);
        }
        var train = Split(DatasetSplit.Train);
        var validation = Split(DatasetSplit.Validation);
        var test = Split(DatasetSplit.Test);
        if (train.Count == 0) throw new DatasetLayoutException($"Dataset '{definition.Name}' under '{Path.GetFullPath(root)}' has no readable training sample.");
        if (validation.Count == 0) throw new DatasetLayoutException($"Dataset '{definition.Name}' under '{Path.GetFullPath(root)}' has too few training samples to hold out a validation split (at least two in a class).");

        var excluded = manifest.Excluded.ToList();
        StaticImageSet? staticSet = null;
        if (request.WithStatic && definition.PairedDataset is { } partnerName)
        {
            var partner = Definitions.Get(partnerName) as IStaticDatasetDefinition
                ?? throw new InvalidOperationException($"{partnerName} is not a static dataset");
            var partnerRoot = Locations.RootOf(partnerName);
            DatasetIndex partnerIndex;
            CrossDomainClassMap classes;
            try
            {
                partnerIndex = partner.Index(partnerRoot);
                classes = CrossDomainClassMap.BuildComplete(index.Classes, partnerIndex.Classes);
            }
            catch (DatasetLayoutException e)
            {
                throw new DatasetLayoutException($"kt and r2etl pair {definition.Name} with static images from '{partnerName}', looked for under '{Path.GetFullPath(partnerRoot)}' " +
                    $"(set Snnsweep:Datasets:{partnerName} or put it under the data root): {e.Message}");
            }
            var (images, staticExcluded) = StaticPack.OpenOrBuild(Locations.DataRoot, partner, partnerIndex, classes, manifest.Height, manifest.Width, cancellation: cancellation);
            staticSet = images;
            excluded.AddRange(staticExcluded.Select(e => e with { Split = DatasetSplit.Train, Id = $"{partnerName}:{e.Id}" }));
        }

        var splitOf = carved.Samples.ToDictionary(s => s.Id, s => s.Split, StringComparer.Ordinal);
        int Left(DatasetSplit split) => manifest.Excluded.Count(e => splitOf.GetValueOrDefault(e.Id) == split);
        var report = new DatasetReport(Path.GetFullPath(root), settings.CacheKey,
        [
            new("train", train.Count, Left(DatasetSplit.Train)),
            new("validation", validation.Count, Left(DatasetSplit.Validation)),
            new("test", test.Count, Left(DatasetSplit.Test)),
        ], excluded);
        return new DatasetSplits(definition.Name, train, validation, test, staticSet, report);
    }

    private DatasetSplits LoadDemo(DatasetRequest request, IProgress<double>? progress)
    {
        if (request.FrameSize is not (0 or 34))
            throw new ArgumentException($"data.size: the demo's frames are 34 x 34; set 0 (got {request.FrameSize})");
        var splits = DemoDataset.Load(DemoDataset.ParseName(request.Dataset)!.Value, request.Timesteps, request.Slicing, Locations.DataRoot, progress);
        return splits with { Report = DatasetReport.ForDemo(request.Dataset, FrameIntegrationSettings.For(request.Slicing, request.Timesteps).CacheKey, splits) };
    }

    /// <summary>The samples a pack holds: train and test (validation is carved from train later; unused ones are left out).</summary>
    private static List<DatasetSample> PackedSamples(DatasetIndex index) =>
        index.Samples.Where(s => s.Split is DatasetSplit.Train or DatasetSplit.Validation or DatasetSplit.Test).ToList();

    private static ulong Rank(string id) =>
        BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"order\u0000{SplitSeed}\u0000{id}")));

    /// <summary>One dataset being opened: built once on its own thread; every caller's progress hears it.</summary>
    private sealed class Preparation(Func<IProgress<double>, DatasetSplits> load) : IProgress<double>
    {
        private readonly Lock _lock = new();
        private readonly List<IProgress<double>> _listeners = [];
        private Task<DatasetSplits>? _task;

        public Task<DatasetSplits> Task => _task!;

        public void Start()
        {
            lock (_lock)
                _task ??= System.Threading.Tasks.Task.Factory.StartNew(() => load(this), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public IDisposable Subscribe(IProgress<double>? listener)
        {
            if (listener is null) return new Unsubscriber(null, null);
            lock (_lock) _listeners.Add(listener);
            return new Unsubscriber(this, listener);
        }

        public void Report(double value)
        {
            IProgress<double>[] listeners;
            lock (_lock) listeners = [.. _listeners];
            foreach (var listener in listeners) listener.Report(value);
        }

        private sealed class Unsubscriber(Preparation? owner, IProgress<double>? listener) : IDisposable
        {
            public void Dispose()
            {
                if (owner is null) return;
                lock (owner._lock) owner._listeners.Remove(listener!);
            }
        }
    }
}
