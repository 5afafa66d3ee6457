// Grains mark reentrancy and interleaving (Orleans.Concurrency) in the implementations too.
global using Orleans.Concurrency;
