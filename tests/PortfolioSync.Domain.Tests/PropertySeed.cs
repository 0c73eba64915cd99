using FsCheck.Xunit;

// Property tests draw their cases from one fixed seed, so a run is the same on every machine and every day (the
// project's rule: no unseeded random in tests). To explore further, change the seed and run the suite; a
// counterexample found that way becomes a fixed case or a fix, and the seed stays pinned.
[assembly: Properties(Replay = "(7386491052843906127,1442695040888963407)")]
