namespace Snnsweep.Deployment.Tests.Docker;

/// <summary>One Dockerfile instruction: its keyword (upper case), its arguments, and the stage (0-based FROM) it is in.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Stage);
