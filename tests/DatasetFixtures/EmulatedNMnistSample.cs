using Snnsweep.Trainer.Data.Definitions;

namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>One demo recording as <see cref="ReleasedLayouts.NMnistFromDemoEmulator"/> lays it out.</summary>
/// <param name="ImageIndex">Index of the Fashion-MNIST t10k image; also the emulator seed the demo records it with.</param>
/// <param name="Label">Fashion-MNIST class 0-9.</param>
/// <param name="DemoSplit">The demo split it belongs to (Train, Validation or Test).</param>
/// <param name="RelativePath">Its file under the root: <c>N-MNIST/{Train|Test}/&lt;label&gt;/&lt;ImageIndex + 1:00000&gt;.bin</c>.</param>
public sealed record EmulatedNMnistSample(int ImageIndex, int Label, DatasetSplit DemoSplit, string RelativePath);
