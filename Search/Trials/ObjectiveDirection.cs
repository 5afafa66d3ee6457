namespace Snnsweep.Search.Trials;

public enum ObjectiveDirection
{
    Minimize,
    Maximize,
}
