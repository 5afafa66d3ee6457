using Snnsweep.Trainer.Data.Static;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>A static image dataset (the transfer source).</summary>
public interface IStaticDatasetDefinition : IDatasetDefinition
{
    /// <summary>Decodes one sample; bad files raise <see cref="DatasetFormatException"/>.</summary>
    StaticImage LoadImage(DatasetSample sample);
}
