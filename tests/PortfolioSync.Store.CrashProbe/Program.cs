using PortfolioSync.Store;
using PortfolioSync.Store.CrashProbe;

// Child process of the store tests.
//   commit <store> <pages> <page size> [step]
//                                        resumes from the cursor and commits pages, printing "committed <i>" after each;
//                                        with "step", waits for a line on stdin before each page (free once stdin closes)
//   hold-lock <store>                    takes the store lock, prints the outcome, holds it until stdin closes
if (args.Length >= 4 && args[0] == "commit")
{
    var pages = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    var size = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
    var step = args.Length >= 5 && args[4] == "step";
    using var store = PortfolioStore.Open(args[1], new StoreOptions { Time = TimeProvider.System });
    for (var i = ProbePages.NextPage(store, size); i < pages; i++)
    {
        if (step && Console.In.ReadLine() is null) step = false;
        store.CommitPage(ProbePages.Page(i, size, "probe-run"));
        Console.WriteLine($"committed {i}");
    }
    Console.WriteLine("done");
    return 0;
}
if (args.Length >= 2 && args[0] == "hold-lock")
{
    var result = StoreLock.TryAcquire(args[1], TimeProvider.System);
    Console.WriteLine(result.Acquired ? "locked" : "refused: " + result.Message);
    using (result.Lock) Console.In.ReadToEnd();
    return result.Acquired ? 0 : 2;
}
Console.Error.WriteLine("usage: commit <store> <pages> <page size> | hold-lock <store>");
return 2;
