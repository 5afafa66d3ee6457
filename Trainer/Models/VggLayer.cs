namespace Snnsweep.Trainer.Models;

/// <summary>One token of a VGG layer string: a spiking conv block (<c>64C3</c>, <c>128C3s2</c>) or a pooling (<c>AP2</c>, <c>MP2</c>).</summary>
/// <param name="Kind">Conv, average pool or max pool.</param>
/// <param name="Channels">Output channels of a conv; 0 for pooling.</param>
/// <param name="Size">Kernel size of a conv, window of a pooling.</param>
/// <param name="Stride">Stride of a conv (pooling strides equal the window).</param>
public sealed record VggLayer(VggLayerKind Kind, int Channels, int Size, int Stride);
