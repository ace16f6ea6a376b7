using MlePrep.Bot.Sandbox;

return await SandboxApp.RunAsync(args);
