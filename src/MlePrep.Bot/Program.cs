using Microsoft.Extensions.Options;
using MlePrep.Bot;
using MlePrep.Bot.Questions;
using MlePrep.Discord;

if (QuestionsCli.Handles(args))
{
    return QuestionsCli.Run(args, Console.Out, Console.Error);
}

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddDiscordClient(builder.Configuration.GetSection(DiscordOptions.SectionName));
builder.Services.AddBot(builder.Configuration);

using var host = builder.Build();
try
{
    await host.StartAsync();
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
await host.WaitForShutdownAsync();
return Environment.ExitCode;
