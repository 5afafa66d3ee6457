// Grain interfaces mark interleaving and one-way calls.
global using Orleans.Concurrency;
