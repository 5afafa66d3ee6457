namespace Snnsweep.Trainer.Data;

/// <summary>What <c>data list</c>, the New-sweep form and the Cluster page show of one event dataset.</summary>
/// <param name="Name">Dataset name.</param>
/// <param name="Description">One line.</param>
/// <param name="Folder">Where it was looked for.</param>
/// <param name="State">Whether it can be trained on.</param>
/// <param name="Samples">Samples found (train + test), when found.</param>
/// <param name="Partner">The static partner's name, when the dataset has one.</param>
/// <param name="PartnerFolder">Where the partner was looked for.</param>
/// <param name="Problem">Why it is not found or its partner is missing (the expected layout), when it is not ready.</param>
public sealed record DatasetStatus(string Name, string Description, string Folder, DatasetState State, int? Samples, string? Partner, string? PartnerFolder, string? Problem)
{
    /// <summary>Lower-case words for the state, as shown to users ("frames not prepared").</summary>
    public string StateText => State switch
    {
        DatasetState.Ready => "ready",
        DatasetState.FramesNotPrepared => "frames not prepared",
        DatasetState.StaticPartnerMissing => "static partner missing",
        _ => "not found",
    };

    /// <summary>Whether a run can start on it (the transfer methods also need the partner).</summary>
    public bool Found => State != DatasetState.NotFound;
}
