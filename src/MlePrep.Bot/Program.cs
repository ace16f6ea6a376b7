using MlePrep.Bot;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Operations;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;

if (QuestionsCli.Handles(args))
{
    return QuestionsCli.Run(args, Console.Out, Console.Error);
}
if (OperationsCli.Handles(args))
{
    using var tools = BotHost.CreateBuilder(OperationsCli.HostArgs(args)).Build();
    return await OperationsCli.RunAsync(args, tools.Services, errors => BotHost.CheckBeforeStart(tools.Services, errors), Console.Out, Console.Error);
}
if (StreaksCli.Handles(args))
{
    if (StreaksCli.IsUsage(args, Console.Error))
    {
        return 64;
    }
    using var tools = BotHost.CreateBuilder(StreaksCli.HostArgs(args)).Build();
    try
    {
        tools.Services.OpenStorage();
    }
    catch (DatabaseOpenException e)
    {
        Console.Error.WriteLine(e.Message);
        return DatabaseOpenException.ExitCode;
    }
    return await StreaksCli.RepairAsync(tools.Services.GetRequiredService<DailyLedger>(), tools.Services.GetRequiredService<StreakService>(), Console.Out);
}
if (args.Contains("--sandbox", StringComparer.OrdinalIgnoreCase))
{
    // Earlier versions ran the sandbox from this binary; say where it went instead of asking for a token.
    Console.Error.WriteLine("The sandbox is its own program: dotnet run --project src/MlePrep.Bot.Sandbox [-- --port 5080]");
    return 2;
}

// The second core is idle while the host is built: the question bank's schema, needed next, is built there meanwhile.
_ = QuestionLoader.PrepareSchemaAsync();
using var host = BotHost.CreateBuilder(args).Build();
if (BotHost.CheckAndOpenStorage(host.Services, Console.Error) is var invalid and not 0)
{
    return invalid;
}
try
{
    await host.StartAsync();
}
catch (Exception e)
{
    // Ctrl+C during the start cancels it (a requested stop); anything else the host has logged, and the exit code tells
    // a supervisor that the start failed.
    var stopRequested = e is OperationCanceledException && host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;
    return stopRequested ? 0 : BotHost.UnexpectedStopExitCode;
}
// Start-up (the question bank's YAML and schema checks) leaves ~20 MB of garbage that an idle bot would carry for
// hours: it allocates too little to reach the first collection. One compacting collection now gives it back.
GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
return await BotHost.WaitForExitCodeAsync(host);
