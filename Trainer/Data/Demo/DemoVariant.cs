namespace Snnsweep.Trainer.Data.Demo;

/// <summary>Which Fashion-MNIST images the demo dataset is built from.</summary>
public enum DemoVariant
{
    /// <summary>The 10,000 <c>t10k</c> images committed under <c>data/</c>: runs on any fresh clone.</summary>
    Bundled,

    /// <summary>All 70,000 images from Debian's <c>dataset-fashion-mnist</c> package, when installed.</summary>
    Full,
}
