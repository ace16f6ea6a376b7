using Microsoft.Extensions.Options;
using MlePrep.Bot;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Sandbox;
using MlePrep.Bot.Storage;

if (QuestionsCli.Handles(args))
{
    return QuestionsCli.Run(args, Console.Out, Console.Error);
}
if (SandboxApp.Handles(args))
{
    return await SandboxApp.RunAsync(args);
}

using var host = BotHost.CreateBuilder(args).Build();
try
{
    // Validate options, load the question bank and open the database before the host resolves its services, so a missing
    // setting, a broken pack or an unusable database file is reported in clear lines, not as a start-up stack trace.
    host.Services.GetService<IStartupValidator>()?.Validate();
    host.Services.GetRequiredService<QuestionBank>();
    host.Services.GetRequiredService<BotDatabase>();
    await host.StartAsync();
    // Start-up (the question bank's YAML and schema checks) leaves ~20 MB of garbage that an idle bot would carry for
    // hours: it allocates too little to reach the first collection. One compacting collection now gives it back.
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
catch (OptionsValidationException e)
{
    // Configuration mistakes get one readable line each, not a stack trace.
    foreach (var failure in e.Failures)
    {
        Console.Error.WriteLine($"Configuration error: {failure}");
    }
    return 2;
}
catch (QuestionBankException e)
{
    Console.Error.WriteLine(e.Message);
    return 3;
}
catch (DatabaseOpenException e)
{
    Console.Error.WriteLine(e.Message);
    return DatabaseOpenException.ExitCode;
}
await host.WaitForShutdownAsync();
return Environment.ExitCode;
