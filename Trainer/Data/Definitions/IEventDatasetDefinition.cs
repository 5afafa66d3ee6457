using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Frames;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>An event dataset: samples decode to event streams.</summary>
public interface IEventDatasetDefinition : IDatasetDefinition
{
    /// <summary>Integration the reproduced papers use for this dataset (what <c>data prepare</c> builds by default).</summary>
    FrameIntegrationSettings DefaultFrames { get; }

    /// <summary>Decodes one sample; bad files raise <see cref="DatasetFormatException"/>.</summary>
    EventStream LoadEvents(DatasetSample sample);
}
