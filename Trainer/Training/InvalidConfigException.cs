namespace Snnsweep.Trainer.Training;

/// <summary>A configuration key is unknown or its value is malformed or out of range; the message names both.</summary>
public sealed class InvalidConfigException(string key, string message) : Exception(message)
{
    /// <summary>The offending key, as the user wrote it.</summary>
    public string Key { get; } = key;
}
