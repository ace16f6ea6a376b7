using MlePrep.Bot.Interactions;

namespace MlePrep.Bot.Help;

public static class HelpServiceCollectionExtensions
{
    /// <summary>/help: an overview built from the commands the other features register.</summary>
    public static IServiceCollection AddHelp(this IServiceCollection services) => services.AddSlashCommand<HelpCommand>();
}
