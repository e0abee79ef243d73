using KubeSharp.Cli;

return await CommandLine.RunAsync(args);
