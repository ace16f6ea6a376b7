namespace MlePrep.Bot.Emulated;

/// <summary>Paths in the repository that the tests and the bench run from.</summary>
public static class BotRepository
{
    /// <summary>The folder holding MlePrep.Bot.sln above the build output.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The bot's own build output, in the configuration this code was built in (…/bin/{configuration}/{tfm}/). The copy of
    /// MlePrep.Bot.dll next to a test or bench build carries that project's dependency graph (ASP.NET Core for the emulator), which does not
    /// start on its own.
    /// </summary>
    public static string BotAssembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        return Path.Combine(Root, "src", "MlePrep.Bot", "bin", output.Parent!.Name, output.Name, "MlePrep.Bot.dll");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlePrep.Bot.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
