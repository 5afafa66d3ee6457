namespace Snnsweep.Trainer.Methods;

/// <summary>How static images are brought to the event sensor's size.</summary>
public enum StaticFit
{
    /// <summary>Centre with zero padding (an emulated 28x28 image inside a 34x34 sensor); resizes when the image is larger.</summary>
    Pad,

    /// <summary>Bilinear resize with aligned corners (docs/methods.md §1.2).</summary>
    Resize,
}
